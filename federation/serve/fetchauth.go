package serve

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/accountdomainblock"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/graph/domains"
	"github.com/fedigraph/fedigraph/graph/relations"
)

// viewer is who fetches a document: anonymous, or the actor whose key signed the
// request. account is that actor as this server knows it (nil when the signature
// was valid but the actor was never stored, which a key resolver that fetches keys
// without storing their owners may leave).
type viewer struct {
	signed  bool
	owner   string // the signing actor's IRI
	domain  string // the signing actor's domain
	account *ent.Account
}

// id is the viewer's account ID for graph/visibility ("" for anonymous).
func (v *viewer) id() string {
	if v == nil || v.account == nil {
		return ""
	}
	return v.account.ID
}

// errSuspendedDomain stops key resolution for a keyId on a suspended domain.
var errSuspendedDomain = errors.New("signing key is on a suspended domain")

// authenticate checks the request's HTTP signature. With authorized fetch off, a
// missing or invalid signature makes an anonymous viewer, as on Mastodon (whose
// followers-only posts then stay hidden); with it on, both are 401. A signature by an
// actor of a domain the instance suspends is 403 either way: such servers get
// nothing, not even public posts.
func (s *Server) authenticate(r *http.Request) (*viewer, error) {
	if !hasSignature(r) || s.verifier.Resolve == nil {
		if s.cfg.AuthorizedFetch {
			return nil, unauthorized("this server requires signed fetches (authorized fetch)")
		}
		return &viewer{}, nil
	}
	ctx := r.Context()
	ver, err := s.verifier.Verify(ctx, r, nil)
	switch {
	case errors.Is(err, errSuspendedDomain):
		return nil, failure(http.StatusForbidden, "Forbidden: the signing actor's domain is suspended")
	case err != nil && s.cfg.AuthorizedFetch:
		return nil, unauthorized("signature not accepted: %v", err)
	case err != nil:
		return &viewer{}, nil
	}
	v := &viewer{signed: true, owner: ver.Owner, domain: hostOf(ver.Owner)}
	// The owner may live elsewhere than the key it names: check its domain too.
	suspended, err := s.domainSuspended(ctx, v.domain)
	if err != nil {
		return nil, err
	}
	if suspended {
		return nil, failure(http.StatusForbidden, "Forbidden: the signing actor's domain is suspended")
	}
	a, err := s.cfg.DB.Account.Query().Where(account.URI(ver.Owner)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
	case err != nil:
		return nil, fmt.Errorf("load signing actor %s: %w", ver.Owner, err)
	case a.SuspendedAt != nil:
		return nil, failure(http.StatusForbidden, "Forbidden: the signing actor is suspended")
	default:
		v.account = a
	}
	return v, nil
}

func unauthorized(format string, args ...any) error {
	e := failure(http.StatusUnauthorized, format, args...)
	e.header = http.Header{"Www-Authenticate": {`Signature realm="ActivityPub",headers="(request-target) host date"`}}
	return e
}

func hasSignature(r *http.Request) bool {
	return r.Header.Get("Signature") != "" ||
		strings.HasPrefix(strings.ToLower(r.Header.Get("Authorization")), "signature ")
}

// refuseSuspendedKeys wraps a key resolver so that keys on suspended domains are
// never fetched.
func (s *Server) refuseSuspendedKeys(next httpsig.KeyResolver) httpsig.KeyResolver {
	return func(ctx context.Context, keyID string, refresh bool) (crypto.PublicKey, string, error) {
		suspended, err := s.domainSuspended(ctx, hostOf(keyID))
		if err != nil {
			return nil, "", err
		}
		if suspended {
			return nil, "", errSuspendedDomain
		}
		return next(ctx, keyID, refresh)
	}
}

// hostOf is the normalized domain of an IRI ("" when it has none).
func hostOf(iri string) string {
	u, err := url.Parse(iri)
	if err != nil {
		return ""
	}
	h := u.Hostname()
	if d, err := relations.NormalizeDomain(h); err == nil {
		return d
	}
	return strings.ToLower(h)
}

// domainSuspended reports whether the instance suspends domain (or a domain it is
// under).
func (s *Server) domainSuspended(ctx context.Context, domain string) (bool, error) {
	return domains.Suspended(ctx, s.cfg.DB.Client, domain)
}

// hiddenFrom reports whether an author keeps their statuses and lists from the
// signing viewer: they block the viewer's account or the viewer's whole domain. As
// on Mastodon, this matters most with authorized fetch, where a blocked server
// cannot fall back to fetching anonymously.
func (s *Server) hiddenFrom(ctx context.Context, author *ent.Account, v *viewer) (bool, error) {
	if !v.signed {
		return false, nil
	}
	if v.account != nil {
		blocked, err := s.cfg.DB.Block.Query().
			Where(block.AccountID(author.ID), block.TargetAccountID(v.account.ID)).Exist(ctx)
		if err != nil || blocked {
			return blocked, err
		}
	}
	if v.domain == "" {
		return false, nil
	}
	return s.cfg.DB.AccountDomainBlock.Query().
		Where(accountdomainblock.AccountID(author.ID), accountdomainblock.Domain(v.domain)).Exist(ctx)
}
