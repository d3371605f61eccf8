package relations

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/net/idna"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/accountdomainblock"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/store"
)

// maxDomainLength is the longest domain the database stores (and DNS allows).
const maxDomainLength = 253

// NormalizeDomain returns a domain as it is stored and compared: lower case, without
// a trailing dot, internationalised names in their ASCII (punycode) form, so that
// "Example.COM." and "example.com" block the same server.
func NormalizeDomain(domain string) (string, error) {
	d := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
	if d == "" {
		return "", apperr.BadInputf("Validation failed: Domain can't be blank")
	}
	ascii, err := idna.Lookup.ToASCII(d)
	if err != nil || len(ascii) > maxDomainLength || !strings.Contains(ascii, ".") {
		return "", apperr.BadInputf("Validation failed: Domain is not a valid domain name")
	}
	return ascii, nil
}

// BlockDomain hides a whole server from the actor, as Mastodon's user-level domain
// blocks do. Its accounts' statuses leave the actor's timelines (graph/visibility's
// Unmuted), except those of accounts the actor still follows, which reach home as
// before; its accounts cannot be followed; and those of them that followed the actor,
// or asked to, no longer do. Blocking a domain twice changes nothing.
//
// Federation is not done here: telling the removed followers' servers (a Reject of
// each follow) is federation's part.
func (s *Service) BlockDomain(ctx context.Context, actorID, domain string) error {
	d, err := NormalizeDomain(domain)
	if err != nil {
		return err
	}
	if d == strings.ToLower(s.URIs.Host) {
		return apperr.BadInputf("Validation failed: Domain is this server's own")
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		err := tx.AccountDomainBlock.Create().SetAccountID(actorID).SetDomain(d).
			OnConflictColumns(accountdomainblock.FieldAccountID, accountdomainblock.FieldDomain).
			Ignore().Exec(ctx)
		if err != nil {
			return fmt.Errorf("block domain %s: %w", d, err)
		}
		return dropFollowersFrom(ctx, tx, actorID, d)
	})
}

// dropFollowersFrom removes the follows of the actor, and the requests to follow it,
// made by accounts on the domain.
func dropFollowersFrom(ctx context.Context, tx *store.Tx, actorID, domain string) error {
	onDomain := account.Domain(domain)
	followers, err := tx.Follow.Query().
		Where(follow.TargetAccountID(actorID), follow.HasAccountWith(onDomain)).
		Select(follow.FieldAccountID).Strings(ctx)
	if err != nil {
		return fmt.Errorf("load followers on %s: %w", domain, err)
	}
	for _, id := range followers {
		if err := dropFollow(ctx, tx, id, actorID); err != nil {
			return err
		}
	}
	requesters, err := tx.FollowRequest.Query().
		Where(followrequest.TargetAccountID(actorID), followrequest.HasAccountWith(onDomain)).
		Select(followrequest.FieldAccountID).Strings(ctx)
	if err != nil {
		return fmt.Errorf("load follow requests from %s: %w", domain, err)
	}
	for _, id := range requesters {
		if err := dropFollowRequest(ctx, tx, id, actorID); err != nil {
			return err
		}
	}
	return nil
}

// UnblockDomain lifts the actor's block of a domain. Lifting one that is not there is
// fine; the followers the block removed stay removed.
func (s *Service) UnblockDomain(ctx context.Context, actorID, domain string) error {
	d, err := NormalizeDomain(domain)
	if err != nil {
		return err
	}
	_, err = s.DB.AccountDomainBlock.Delete().
		Where(accountdomainblock.AccountID(actorID), accountdomainblock.Domain(d)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("unblock domain %s: %w", d, err)
	}
	return nil
}

// DomainBlocks is a query for the actor's domain blocks. Like Blocks it is unordered:
// Mastodon lists the most recent block first, paging by block ID.
func (s *Service) DomainBlocks(actorID string) *ent.AccountDomainBlockQuery {
	return s.DB.AccountDomainBlock.Query().Where(accountdomainblock.AccountID(actorID))
}
