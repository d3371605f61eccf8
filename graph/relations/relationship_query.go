package relations

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/accountdomainblock"
	"github.com/fedigraph/fedigraph/ent/accountnote"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/mute"
)

// relationshipQuery fills in Relationships one table at a time: each step is one query
// over all the accounts asked about.
type relationshipQuery struct {
	c      *ent.Client
	viewer string
	now    time.Time
	rels   map[string]*Relationship
	ids    []string          // the accounts found
	domain map[string]string // account ID → domain, for remote accounts
}

func (q *relationshipQuery) loadAccounts(ctx context.Context, ids []string) error {
	accounts, err := q.c.Account.Query().
		Where(account.IDIn(ids...), account.SuspendedAtIsNil()).
		Select(account.FieldID, account.FieldDomain).All(ctx)
	if err != nil {
		return fmt.Errorf("relationships: load accounts: %w", err)
	}
	q.rels = make(map[string]*Relationship, len(accounts))
	q.domain = map[string]string{}
	for _, a := range accounts {
		q.rels[a.ID] = &Relationship{ID: a.ID}
		q.ids = append(q.ids, a.ID)
		if a.Domain != "" {
			q.domain[a.ID] = a.Domain
		}
	}
	return nil
}

func (q *relationshipQuery) follows(ctx context.Context) error {
	rows, err := q.c.Follow.Query().Where(follow.Or(
		follow.And(follow.AccountID(q.viewer), follow.TargetAccountIDIn(q.ids...)),
		follow.And(follow.TargetAccountID(q.viewer), follow.AccountIDIn(q.ids...)),
	)).All(ctx)
	if err != nil {
		return fmt.Errorf("relationships: follows: %w", err)
	}
	for _, f := range rows {
		if r := q.rels[f.TargetAccountID]; r != nil && f.AccountID == q.viewer {
			r.Following, r.ShowingReblogs, r.Notifying = true, f.ShowReblogs, f.Notify
		}
		if r := q.rels[f.AccountID]; r != nil && f.TargetAccountID == q.viewer {
			r.FollowedBy = true
		}
	}
	return nil
}

func (q *relationshipQuery) followRequests(ctx context.Context) error {
	rows, err := q.c.FollowRequest.Query().Where(followrequest.Or(
		followrequest.And(followrequest.AccountID(q.viewer), followrequest.TargetAccountIDIn(q.ids...)),
		followrequest.And(followrequest.TargetAccountID(q.viewer), followrequest.AccountIDIn(q.ids...)),
	)).All(ctx)
	if err != nil {
		return fmt.Errorf("relationships: follow requests: %w", err)
	}
	for _, fr := range rows {
		if r := q.rels[fr.TargetAccountID]; r != nil && fr.AccountID == q.viewer {
			// Mastodon shows the options the request will apply once accepted.
			r.Requested, r.ShowingReblogs, r.Notifying = true, fr.ShowReblogs, fr.Notify
		}
		if r := q.rels[fr.AccountID]; r != nil && fr.TargetAccountID == q.viewer {
			r.RequestedBy = true
		}
	}
	return nil
}

func (q *relationshipQuery) blocks(ctx context.Context) error {
	rows, err := q.c.Block.Query().Where(block.Or(
		block.And(block.AccountID(q.viewer), block.TargetAccountIDIn(q.ids...)),
		block.And(block.TargetAccountID(q.viewer), block.AccountIDIn(q.ids...)),
	)).All(ctx)
	if err != nil {
		return fmt.Errorf("relationships: blocks: %w", err)
	}
	for _, b := range rows {
		if r := q.rels[b.TargetAccountID]; r != nil && b.AccountID == q.viewer {
			r.Blocking = true
		}
		if r := q.rels[b.AccountID]; r != nil && b.TargetAccountID == q.viewer {
			r.BlockedBy = true
		}
	}
	return nil
}

func (q *relationshipQuery) mutes(ctx context.Context) error {
	rows, err := q.c.Mute.Query().Where(
		mute.AccountID(q.viewer), mute.TargetAccountIDIn(q.ids...),
		mute.Or(mute.ExpiresAtIsNil(), mute.ExpiresAtGT(q.now)),
	).All(ctx)
	if err != nil {
		return fmt.Errorf("relationships: mutes: %w", err)
	}
	for _, m := range rows {
		if r := q.rels[m.TargetAccountID]; r != nil {
			r.Muting, r.MutingNotifications, r.MuteExpiresAt = true, m.HideNotifications, m.ExpiresAt
		}
	}
	return nil
}

func (q *relationshipQuery) notes(ctx context.Context) error {
	rows, err := q.c.AccountNote.Query().
		Where(accountnote.AccountID(q.viewer), accountnote.TargetAccountIDIn(q.ids...)).All(ctx)
	if err != nil {
		return fmt.Errorf("relationships: notes: %w", err)
	}
	for _, n := range rows {
		if r := q.rels[n.TargetAccountID]; r != nil {
			r.Note = n.Comment
		}
	}
	return nil
}

func (q *relationshipQuery) domainBlocks(ctx context.Context) error {
	domains := make([]string, 0, len(q.domain))
	for _, d := range q.domain {
		domains = append(domains, d)
	}
	blocked, err := q.c.AccountDomainBlock.Query().
		Where(accountdomainblock.AccountID(q.viewer), accountdomainblock.DomainIn(domains...)).
		Select(accountdomainblock.FieldDomain).Strings(ctx)
	if err != nil {
		return fmt.Errorf("relationships: domain blocks: %w", err)
	}
	isBlocked := make(map[string]bool, len(blocked))
	for _, d := range blocked {
		isBlocked[d] = true
	}
	for id, d := range q.domain {
		q.rels[id].DomainBlocking = isBlocked[d]
	}
	return nil
}
