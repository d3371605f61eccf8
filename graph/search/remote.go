package search

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Remote looks up what another server has; federation's dereferencer implements it.
type Remote interface {
	AccountByHandle(ctx context.Context, username, domain string) (*ent.Account, error)
	Account(ctx context.Context, uri string) (*ent.Account, error)
	Status(ctx context.Context, uri string) (*ent.Status, error)
}

// Resolve looks up a query that names something on another server — @user@domain, or
// the URL of an account or a post — fetching it when unknown, as Mastodon's
// resolve=true does. A query that names nothing remote, or names something that cannot
// be found or that the viewer may not see, resolves to nothing; only failures of this
// server are errors.
func Resolve(ctx context.Context, c *ent.Client, remote Remote, viewerID, query string) (*ent.Account, *ent.Status, error) {
	if remote == nil || viewerID == "" {
		return nil, nil, nil
	}
	q := strings.TrimSpace(query)
	if strings.HasPrefix(q, "https://") || strings.HasPrefix(q, "http://") {
		if u, err := url.Parse(q); err != nil || u.Host == "" {
			return nil, nil, nil
		}
		st, err := remote.Status(ctx, q)
		if err == nil {
			ok, verr := visibility.Visible(ctx, c, viewerID, st.ID)
			if verr != nil {
				return nil, nil, verr
			}
			if ok {
				return nil, st, nil
			}
			return nil, nil, nil
		}
		a, err := remote.Account(ctx, q)
		return found(a, err)
	}
	username, domain, ok := strings.Cut(strings.TrimPrefix(q, "@"), "@")
	if !ok || username == "" || domain == "" || strings.ContainsAny(username+domain, " /@?#") {
		return nil, nil, nil
	}
	return found(remote.AccountByHandle(ctx, username, domain))
}

// found keeps an account that was found. A lookup that failed finds nothing: the other
// server may be down, slow or answer nonsense, none of which the searcher can fix.
func found(a *ent.Account, err error) (*ent.Account, *ent.Status, error) {
	if errors.Is(err, context.Canceled) {
		return nil, nil, err
	}
	if err != nil || a == nil || a.SuspendedAt != nil {
		return nil, nil, nil
	}
	return a, nil, nil
}
