package ap

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/customemoji"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/ent/status"
)

// LoadStatus reads a status with every edge the renderers need (see WithRenderEdges).
func LoadStatus(ctx context.Context, c *ent.Client, id string) (*ent.Status, error) {
	st, err := WithRenderEdges(c.Status.Query().Where(status.ID(id))).Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("load status %s for rendering: %w", id, err)
	}
	return st, nil
}

// WithRenderEdges makes q load every edge the renderers need: the account, mentions
// with their accounts, tags, media, emojis, the poll with its votes (for the tallies),
// the status replied to (for its URI), and the boosted status with its account. Pages
// of statuses use it too, one query per edge for the whole page.
func WithRenderEdges(q *ent.StatusQuery) *ent.StatusQuery {
	return q.
		WithAccount().
		WithMentions(func(q *ent.MentionQuery) { q.WithAccount().Order(ent.Asc(mention.FieldID)) }).
		WithTags().
		WithMedia(func(q *ent.MediaAttachmentQuery) { q.Order(ent.Asc(mediaattachment.FieldID)) }).
		WithEmojis(func(q *ent.CustomEmojiQuery) { q.Order(ent.Asc(customemoji.FieldShortcode)) }).
		WithPoll(func(q *ent.PollQuery) {
			// Only what a tally reads: a vote row's choice and voter.
			q.WithVotes(func(v *ent.PollVoteQuery) {
				v.Select(pollvote.FieldPollID, pollvote.FieldAccountID, pollvote.FieldChoice)
			})
		}).
		WithInReplyTo().
		WithReblogOf(func(q *ent.StatusQuery) { q.WithAccount() })
}
