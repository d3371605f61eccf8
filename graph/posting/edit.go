package posting

import (
	"context"
	"fmt"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/text"
)

// Edit replaces the text (and media, poll, warning) of one of the author's statuses,
// keeping the previous revision in its history.
func (s *Service) Edit(ctx context.Context, authorID, statusID string, d Draft) (*ent.Status, error) {
	st, err := s.ownStatus(ctx, authorID, statusID)
	if err != nil {
		return nil, err
	}
	if d.ContentType == "" {
		d.ContentType = text.Plain
		if st.ContentType == status.ContentTypeMARKDOWN {
			d.ContentType = text.Markdown
		}
	}
	if d.Sensitive == nil {
		d.Sensitive = &st.Sensitive
	}
	if d.Language == "" {
		d.Language = st.Language
	}
	if err := s.Limits.check(&d); err != nil {
		return nil, err
	}
	s.meetMentioned(ctx, d.Text, d.ContentType)
	now := s.now()
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		c := tx.Client()
		if err := s.saveRevision(ctx, tx, st); err != nil {
			return err
		}
		r, err := s.render(ctx, c, d.Text, d.ContentType)
		if err != nil {
			return err
		}
		emojis, err := media.EmojiIn(ctx, c, d.Text, d.SpoilerText)
		if err != nil {
			return err
		}
		updated, err := tx.Status.UpdateOne(st).
			ClearEmojis().AddEmojis(emojis...).
			SetText(d.Text).
			SetContent(r.HTML).
			SetContentType(contentTypeOf(d.ContentType)).
			SetSpoilerText(d.SpoilerText).
			SetSensitive(*d.Sensitive || d.SpoilerText != "").
			SetLanguage(d.Language).
			SetEditedAt(now).
			ClearTags().AddTagIDs(r.TagIDs...).
			Save(ctx)
		if err != nil {
			return fmt.Errorf("edit status: %w", err)
		}
		if err := search.Index(ctx, c, updated); err != nil {
			return err
		}
		if err := s.replaceMedia(ctx, tx, updated, authorID, d.MediaIDs); err != nil {
			return err
		}
		if err := s.replacePoll(ctx, tx, updated, d.Poll, now); err != nil {
			return err
		}
		known, err := tx.Mention.Query().Where(mention.StatusID(st.ID)).Select(mention.FieldAccountID).Strings(ctx)
		if err != nil {
			return fmt.Errorf("load mentions: %w", err)
		}
		var added []string
		for _, id := range r.MentionIDs {
			if !slices.Contains(known, id) {
				added = append(added, id)
			}
		}
		if err := s.addMentions(ctx, tx, updated, added); err != nil {
			return err
		}
		if err := Announce(ctx, tx, s.Events, hub.StatusUpdated, updated); err != nil {
			return err
		}
		return federate.Send(ctx, s.Federator, tx, federate.Activity{Kind: federate.UpdateStatus, ActorID: authorID, StatusID: st.ID})
	})
	if err != nil {
		return nil, err
	}
	return s.DB.Status.Get(ctx, statusID)
}

// ownStatus loads a status the author may change: their own, local, and not a boost.
func (s *Service) ownStatus(ctx context.Context, authorID, statusID string) (*ent.Status, error) {
	st, err := s.DB.Status.Query().Where(status.ID(statusID), status.AccountID(authorID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("status not found")
	}
	if err != nil {
		return nil, fmt.Errorf("load status: %w", err)
	}
	if st.ReblogOfID != nil {
		return nil, apperr.BadInputf("a boost cannot be edited or deleted; undo the boost instead")
	}
	return st, nil
}

// saveRevision stores the status as it is now. Mastodon's history lists the original
// as its first entry, so the first edit stores it too.
func (s *Service) saveRevision(ctx context.Context, tx *store.Tx, st *ent.Status) error {
	media, err := tx.MediaAttachment.Query().Where(mediaattachment.HasStatusWith(status.ID(st.ID))).IDs(ctx)
	if err != nil {
		return fmt.Errorf("load media for history: %w", err)
	}
	rev := tx.StatusEdit.Create().
		SetStatusID(st.ID).
		SetCreatedAt(editTime(st)).
		SetContent(st.Content).
		SetSpoilerText(st.SpoilerText).
		SetSensitive(st.Sensitive).
		SetMediaIds(media)
	if p, err := tx.Poll.Query().Where(poll.HasStatusWith(status.ID(st.ID))).Only(ctx); err == nil {
		rev.SetPollOptions(p.Options)
	} else if !ent.IsNotFound(err) {
		return fmt.Errorf("load poll for history: %w", err)
	}
	if err := rev.Exec(ctx); err != nil {
		return fmt.Errorf("save revision: %w", err)
	}
	return nil
}

// editTime is when the revision being saved was made: the last edit, or the post.
func editTime(st *ent.Status) timeT {
	if st.EditedAt != nil {
		return *st.EditedAt
	}
	return st.CreatedAt
}

func (s *Service) replaceMedia(ctx context.Context, tx *store.Tx, st *ent.Status, authorID string, mediaIDs []string) error {
	if _, err := tx.MediaAttachment.Update().
		Where(mediaattachment.HasStatusWith(status.ID(st.ID)), mediaattachment.IDNotIn(mediaIDs...)).
		ClearStatus().Save(ctx); err != nil {
		return fmt.Errorf("detach media: %w", err)
	}
	if len(mediaIDs) == 0 {
		return nil
	}
	if err := mediaReady(ctx, tx, authorID, mediaIDs); err != nil {
		return err
	}
	n, err := tx.MediaAttachment.Update().
		Where(mediaattachment.IDIn(mediaIDs...), mediaattachment.AccountID(authorID),
			mediaattachment.PurposeEQ(mediaattachment.PurposeATTACHMENT),
			mediaattachment.Or(mediaattachment.Not(mediaattachment.HasStatus()),
				mediaattachment.HasStatusWith(status.ID(st.ID)))).
		SetStatusID(st.ID).Save(ctx)
	if err != nil {
		return fmt.Errorf("attach media: %w", err)
	}
	if n != len(dedupe(mediaIDs)) {
		return apperr.BadInputf("some media IDs are unknown, not yours, or attached elsewhere")
	}
	return nil
}

// replacePoll keeps the poll when its options are unchanged; a changed poll starts
// over, since votes for old options would be meaningless (Mastodon does the same).
func (s *Service) replacePoll(ctx context.Context, tx *store.Tx, st *ent.Status, p *PollDraft, now timeT) error {
	old, err := tx.Poll.Query().Where(poll.HasStatusWith(status.ID(st.ID))).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return fmt.Errorf("load poll: %w", err)
	}
	if old != nil && p != nil && slices.Equal(old.Options, trimAll(p.Options)) && old.Multiple == p.Multiple {
		// Same question: keep the votes, take the new settings.
		err := tx.Poll.UpdateOne(old).SetHideTotals(p.HideTotals).SetExpiresAt(now.Add(p.ExpiresIn)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("update poll: %w", err)
		}
		return nil
	}
	if old != nil {
		if _, err := tx.PollVote.Delete().Where(pollvote.PollID(old.ID)).Exec(ctx); err != nil {
			return fmt.Errorf("reset poll votes: %w", err)
		}
		if err := tx.Poll.DeleteOne(old).Exec(ctx); err != nil {
			return fmt.Errorf("replace poll: %w", err)
		}
	}
	if p == nil {
		return nil
	}
	return s.attach(ctx, tx, st, st.AccountID, Draft{Poll: p}, now)
}
