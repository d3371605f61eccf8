// Package conversations keeps each local account's direct-message conversations: one
// row per account and thread, naming the other participants, the latest direct status
// and whether the account has read it. Posting (and federation, for direct statuses
// that arrive from other servers) records statuses here inside its own transaction;
// GraphQL's conversations field and Mastodon's /api/v1/conversations read, mark and
// remove them through the same functions.
package conversations

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/conversation"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Record files the direct status st (already written in tx, with its mentions) in the
// conversations of every local account taking part: its author and the accounts it
// mentions. Each gets its conversation for the status's thread created, or moved on to
// this status, with the participants it had plus the new ones; it becomes unread for
// everyone but the author, as on Mastodon. Each participant hears of it on its direct
// stream once tx commits. A status that is not direct is not a conversation's.
func Record(ctx context.Context, tx *store.Tx, events hub.Publisher, st *ent.Status, now time.Time) error {
	if st.Visibility != status.VisibilityDIRECT {
		return nil
	}
	c := tx.Client()
	mentioned, err := c.Mention.Query().Where(mention.StatusID(st.ID)).Select(mention.FieldAccountID).Strings(ctx)
	if err != nil {
		return fmt.Errorf("record conversation: load mentions: %w", err)
	}
	everyone := append([]string{st.AccountID}, mentioned...)
	slices.Sort(everyone)
	everyone = slices.Compact(everyone)
	locals, err := c.Account.Query().Where(account.IDIn(everyone...), account.Domain("")).IDs(ctx)
	if err != nil {
		return fmt.Errorf("record conversation: find local participants: %w", err)
	}
	thread := st.ThreadID
	if thread == "" {
		thread = st.ID
	}
	type touched struct{ accountID, conversationID string }
	var done []touched
	for _, accountID := range locals {
		id, err := file(ctx, c, accountID, thread, without(everyone, accountID), st, now)
		if err != nil {
			return err
		}
		done = append(done, touched{accountID, id})
	}
	tx.AfterCommit(func(ctx context.Context) {
		for _, d := range done {
			// The write committed; a subscriber that misses the event sees the
			// conversation on its next fetch, so a failed publish undoes nothing.
			_ = events.Publish(ctx, hub.Event{
				Kind: hub.ConversationUpdated, ConversationID: d.conversationID,
				StatusID: st.ID, AccountID: st.AccountID,
			}, hub.DirectStream(d.accountID))
		}
	})
	return nil
}

// file creates or updates one account's conversation and returns its ID.
func file(ctx context.Context, c *ent.Client, accountID, thread string, others []string, st *ent.Status, now time.Time) (string, error) {
	existing, err := c.Conversation.Query().
		Where(conversation.AccountID(accountID), conversation.ThreadID(thread)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return "", fmt.Errorf("record conversation: load: %w", err)
	}
	if existing != nil {
		others = union(existing.ParticipantIds, others)
		if existing.LastStatusID != nil && *existing.LastStatusID > st.ID {
			// An older status arriving late (federation) does not move it back.
			return existing.ID, c.Conversation.UpdateOne(existing).SetParticipantIds(others).Exec(ctx)
		}
	}
	// The unique (account, thread) index settles two statuses of one thread filed at
	// once: the second updates the row the first created.
	err = c.Conversation.Create().
		SetID(ids.New(now)).SetCreatedAt(now).SetUpdatedAt(now).
		SetAccountID(accountID).SetThreadID(thread).
		SetParticipantIds(others).SetLastStatusID(st.ID).SetUnread(accountID != st.AccountID).
		OnConflictColumns(conversation.FieldAccountID, conversation.FieldThreadID).
		Update(func(u *ent.ConversationUpsert) {
			u.UpdateParticipantIds().UpdateLastStatusID().UpdateUnread().UpdateUpdatedAt()
		}).Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("record conversation: %w", err)
	}
	// An upsert that updated reports the ID it was given, not the row's: read it back.
	id, err := c.Conversation.Query().
		Where(conversation.AccountID(accountID), conversation.ThreadID(thread)).OnlyID(ctx)
	if err != nil {
		return "", fmt.Errorf("record conversation: read back: %w", err)
	}
	return id, nil
}

// Forget takes the direct status st, about to be deleted in tx, out of the
// conversations it is the latest status of: each moves back to the latest direct
// status of the thread left that its account may see, or is removed when none is
// left, as Mastodon removes a conversation whose statuses are all gone.
func Forget(ctx context.Context, tx *store.Tx, st *ent.Status) error {
	if st.Visibility != status.VisibilityDIRECT {
		return nil
	}
	c := tx.Client()
	convs, err := c.Conversation.Query().Where(conversation.LastStatusID(st.ID)).All(ctx)
	if err != nil {
		return fmt.Errorf("forget status in conversations: %w", err)
	}
	for _, cv := range convs {
		prev, err := c.Status.Query().
			Where(status.ThreadID(cv.ThreadID), status.IDNEQ(st.ID),
				status.VisibilityEQ(status.VisibilityDIRECT), visibility.Statuses(cv.AccountID)).
			Order(ent.Desc(status.FieldID)).First(ctx)
		switch {
		case ent.IsNotFound(err):
			err = c.Conversation.DeleteOne(cv).Exec(ctx)
		case err == nil:
			err = c.Conversation.UpdateOne(cv).SetLastStatusID(prev.ID).Exec(ctx)
		}
		if err != nil {
			return fmt.Errorf("forget status in conversation %s: %w", cv.ID, err)
		}
	}
	return nil
}

// Query is the account's conversations whose latest status it may still see. Page it
// by conversation.FieldLastStatusID: conversations are ordered by their latest status,
// newest first, as Mastodon pages them.
func Query(c *ent.Client, accountID string) *ent.ConversationQuery {
	return c.Conversation.Query().Where(
		conversation.AccountID(accountID),
		conversation.HasLastStatusWith(visibility.Statuses(accountID)),
	)
}

// errNotFound answers for conversations that do not exist or are someone else's.
func errNotFound() error { return apperr.NotFoundf("conversation not found") }

// Get returns one of the account's conversations, as Query lists it.
func Get(ctx context.Context, c *ent.Client, accountID, id string) (*ent.Conversation, error) {
	cv, err := Query(c, accountID).Where(conversation.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load conversation %s: %w", id, err)
	}
	return cv, nil
}

// MarkRead marks one of the account's conversations read and returns it.
func MarkRead(ctx context.Context, c *ent.Client, accountID, id string) (*ent.Conversation, error) {
	cv, err := Get(ctx, c, accountID, id)
	if err != nil {
		return nil, err
	}
	if !cv.Unread {
		return cv, nil
	}
	cv, err = c.Conversation.UpdateOne(cv).SetUnread(false).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("mark conversation %s read: %w", id, err)
	}
	return cv, nil
}

// Remove takes one of the account's conversations off its list; the statuses stay,
// and a later status in the thread brings the conversation back, as on Mastodon.
func Remove(ctx context.Context, c *ent.Client, accountID, id string) error {
	n, err := c.Conversation.Delete().
		Where(conversation.ID(id), conversation.AccountID(accountID)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("remove conversation %s: %w", id, err)
	}
	if n == 0 {
		return errNotFound()
	}
	return nil
}

// UnreadCount is how many of the account's conversations are unread.
func UnreadCount(ctx context.Context, c *ent.Client, accountID string) (int, error) {
	n, err := Query(c, accountID).Where(conversation.Unread(true)).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count unread conversations: %w", err)
	}
	return n, nil
}

// Participants are the accounts a conversation is with, as Mastodon shows them: the
// others taking part, or the account itself when it wrote only to itself.
func Participants(cv *ent.Conversation) []string {
	if len(cv.ParticipantIds) == 0 {
		return []string{cv.AccountID}
	}
	return cv.ParticipantIds
}

func without(ids []string, id string) []string {
	out := make([]string, 0, len(ids))
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
