package relations

import (
	"context"
	"time"
)

// Relationship is how the viewer stands with another account, as Mastodon's
// Relationship entity and the GraphQL type Relationship show it.
type Relationship struct {
	ID                  string // the other account
	Following           bool
	ShowingReblogs      bool // the viewer's follow (or request) shows the account's boosts
	Notifying           bool // the viewer's follow (or request) notifies on each post
	FollowedBy          bool
	Blocking            bool
	BlockedBy           bool
	Muting              bool
	MutingNotifications bool
	MuteExpiresAt       *time.Time // when the mute ends; nil when not muting or for ever
	Requested           bool       // the viewer asked to follow and awaits approval
	RequestedBy         bool       // the account asked to follow the viewer
	DomainBlocking      bool
	Note                string
}

// Relationships returns the viewer's relationship with each of the accounts in ids, in
// the order given. IDs of accounts that do not exist (or are suspended) are skipped,
// and an ID given twice is answered once. It issues the same seven queries however
// many IDs it is given, so a timeline of accounts costs no more than one account.
func (s *Service) Relationships(ctx context.Context, viewerID string, ids []string) ([]*Relationship, error) {
	q := &relationshipQuery{c: s.DB.Client, viewer: viewerID, now: s.now()}
	if err := q.loadAccounts(ctx, ids); err != nil {
		return nil, err
	}
	steps := []func(context.Context) error{
		q.follows, q.followRequests, q.blocks, q.mutes, q.notes, q.domainBlocks,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	out := make([]*Relationship, 0, len(q.rels))
	for _, id := range ids {
		if r, ok := q.rels[id]; ok {
			out = append(out, r)
			delete(q.rels, id)
		}
	}
	return out, nil
}
