// Package fanout works out which event-hub streams a status belongs on: the timelines
// that should show it live. Local posting and federation both use it, so a status that
// arrives from another server reaches subscribers exactly like a local one.
//
// It may name more streams than strictly needed: every subscriber re-checks visibility
// for its own viewer before delivering. It must never name fewer.
package fanout

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/ent/listmember"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/ent/tagfollow"
	"github.com/fedigraph/fedigraph/graph/hub"
)

// StatusStreams lists the streams on which st (with its author loaded or loadable)
// should be announced.
func StatusStreams(ctx context.Context, c *ent.Client, st *ent.Status) ([]hub.Stream, error) {
	author, err := c.Account.Get(ctx, st.AccountID)
	if err != nil {
		return nil, fmt.Errorf("fan out status %s: load author: %w", st.ID, err)
	}
	streams := []hub.Stream{}
	if author.Domain == "" {
		streams = append(streams, hub.HomeStream(author.ID))
	}
	isBoost := st.ReblogOfID != nil

	// Local followers see it at home (boosts only if they asked for them).
	fq := c.Follow.Query().Where(
		follow.TargetAccountID(author.ID),
		follow.HasAccountWith(account.Domain("")),
	)
	if isBoost {
		fq = fq.Where(follow.ShowReblogs(true))
	}
	followerIDs, err := fq.Select(follow.FieldAccountID).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("fan out status %s: followers: %w", st.ID, err)
	}
	for _, id := range followerIDs {
		streams = append(streams, hub.HomeStream(id))
	}

	// Lists that include the author.
	listIDs, err := c.List.Query().
		Where(list.HasMembersWith(listmember.AccountID(author.ID))).IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("fan out status %s: lists: %w", st.ID, err)
	}
	for _, id := range listIDs {
		streams = append(streams, hub.ListStream(id))
	}

	switch st.Visibility {
	case status.VisibilityDIRECT:
		mentioned, err := c.Mention.Query().Where(mention.StatusID(st.ID)).
			Select(mention.FieldAccountID).Strings(ctx)
		if err != nil {
			return nil, fmt.Errorf("fan out status %s: mentions: %w", st.ID, err)
		}
		for _, id := range append(mentioned, author.ID) {
			streams = append(streams, hub.DirectStream(id))
		}
	case status.VisibilityPUBLIC:
		if isBoost {
			break // the public timelines show originals only, as Mastodon's do
		}
		streams = append(streams, hub.PublicStream())
		if author.Domain == "" {
			streams = append(streams, hub.LocalStream())
		} else {
			streams = append(streams, hub.RemoteStream())
		}
		tags, err := c.Status.QueryTags(st).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("fan out status %s: tags: %w", st.ID, err)
		}
		for _, t := range tags {
			streams = append(streams, hub.TagStream(t.Name))
			if author.Domain == "" {
				streams = append(streams, hub.TagLocalStream(t.Name))
			}
		}
		if len(tags) > 0 {
			tagIDs := make([]string, len(tags))
			for i, t := range tags {
				tagIDs[i] = t.ID
			}
			tagFollowers, err := c.TagFollow.Query().
				Where(tagfollow.HasTagWith(tag.IDIn(tagIDs...))).
				Select(tagfollow.FieldAccountID).Strings(ctx)
			if err != nil {
				return nil, fmt.Errorf("fan out status %s: tag followers: %w", st.ID, err)
			}
			for _, id := range tagFollowers {
				streams = append(streams, hub.HomeStream(id))
			}
		}
	}
	return dedupe(streams), nil
}

func dedupe(streams []hub.Stream) []hub.Stream {
	seen := make(map[hub.Stream]bool, len(streams))
	out := streams[:0]
	for _, s := range streams {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
