package search

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
)

// The kinds of result a search can be narrowed to, named as Mastodon's type parameter
// names them.
const (
	TypeAccounts = "accounts"
	TypeHashtags = "hashtags"
	TypeStatuses = "statuses"
)

// Options are Mastodon's search options.
type Options struct {
	Type          string // one of the Type constants; "" for all three kinds
	Limit, Offset int    // per kind
	Following     bool   // accounts: only those the viewer follows
	AccountID     string // statuses: only this account's
	// Resolve asks to look up a remote account or status the query names by address
	// (see Resolve) through Remote; signed-out visitors may not.
	Resolve bool
	Remote  Remote
}

// Results are what a search found, each kind in its own order: accounts by username,
// hashtags by name, statuses newest first.
type Results struct {
	Accounts []*ent.Account
	Hashtags []*ent.Tag
	Statuses []*ent.Status
}

// Search finds accounts, hashtags and statuses matching the query for the viewer. As on
// Mastodon, a signed-out visitor may not page (offset) or resolve, and finds no
// statuses; an unknown type finds nothing.
func Search(ctx context.Context, c *ent.Client, viewerID, query string, o Options, now time.Time) (Results, error) {
	out := Results{Accounts: []*ent.Account{}, Hashtags: []*ent.Tag{}, Statuses: []*ent.Status{}}
	if viewerID == "" && o.Offset > 0 {
		return out, apperr.New(apperr.Unauthenticated, "Search queries pagination is not supported without authentication")
	}
	if viewerID == "" && o.Resolve {
		return out, apperr.New(apperr.Unauthenticated, "Search queries that resolve remote resources are not supported without authentication")
	}
	wants := func(kind string) bool { return o.Type == "" || o.Type == kind }
	var resolvedAccount *ent.Account
	var resolvedStatus *ent.Status
	if o.Resolve && o.Offset == 0 {
		var err error
		if resolvedAccount, resolvedStatus, err = Resolve(ctx, c, o.Remote, viewerID, query); err != nil {
			return out, err
		}
	}
	var err error
	if wants(TypeAccounts) {
		ao := AccountOptions{Limit: o.Limit, Offset: o.Offset, Following: o.Following}
		if out.Accounts, err = Accounts(ctx, c, viewerID, query, ao); err != nil {
			return out, err
		}
	}
	if wants(TypeHashtags) {
		if out.Hashtags, err = Hashtags(ctx, c, query, o.Limit, o.Offset); err != nil {
			return out, err
		}
	}
	if wants(TypeStatuses) {
		q, err := Statuses(ctx, c, viewerID, query, now)
		if err != nil {
			return out, err
		}
		if o.AccountID != "" {
			q = q.Where(status.AccountID(o.AccountID))
		}
		out.Statuses, err = q.Order(ent.Desc(status.FieldID)).Offset(o.Offset).Limit(o.Limit).All(ctx)
		if err != nil {
			return out, fmt.Errorf("search statuses: %w", err)
		}
	}
	if resolvedAccount != nil && wants(TypeAccounts) {
		out.Accounts = PrependAccount(out.Accounts, resolvedAccount)
	}
	if resolvedStatus != nil && wants(TypeStatuses) {
		out.Statuses = PrependStatus(out.Statuses, resolvedStatus)
	}
	return out, nil
}

// PrependAccount puts a resolved account first in a list of results, once.
func PrependAccount(list []*ent.Account, a *ent.Account) []*ent.Account {
	out := []*ent.Account{a}
	for _, x := range list {
		if x.ID != a.ID {
			out = append(out, x)
		}
	}
	return out
}

// PrependStatus puts a resolved status first, once.
func PrependStatus(list []*ent.Status, st *ent.Status) []*ent.Status {
	out := []*ent.Status{st}
	for _, x := range list {
		if x.ID != st.ID {
			out = append(out, x)
		}
	}
	return out
}
