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

// LoadStatus reads a status with every edge the renderers need: its account, mentions
// with their accounts, tags, media, emojis, poll with its votes (for the tallies), the
// status it replies to (for its URI), and the boosted status with its account.
func LoadStatus(ctx context.Context, c *ent.Client, id string) (*ent.Status, error) {
	st, err := c.Status.Query().
		Where(status.ID(id)).
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
		WithReblogOf(func(q *ent.StatusQuery) { q.WithAccount() }).
		Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("load status %s for rendering: %w", id, err)
	}
	return st, nil
}
