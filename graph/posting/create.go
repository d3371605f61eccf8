package posting

import (
	"context"
	"errors"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/conversations"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/text"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Create posts a status for the local account authorID.
func (s *Service) Create(ctx context.Context, authorID string, in NewStatus) (*ent.Status, error) {
	author, err := s.DB.Account.Get(ctx, authorID)
	if err != nil {
		return nil, fmt.Errorf("create status: load author: %w", err)
	}
	if err := s.Check(ctx, authorID, &in); err != nil {
		return nil, err
	}
	s.meetMentioned(ctx, in.Text, in.ContentType)
	now := s.now()
	if in.IdempotencyKey != "" {
		if st, err := posted(ctx, s.DB.Client, authorID, in.IdempotencyKey, now); err != nil || st != nil {
			return st, err
		}
	}
	var created *ent.Status
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		c := tx.Client()
		id := ids.New(now)
		create := tx.Status.Create().
			SetID(id).
			SetCreatedAt(now).
			SetAccountID(authorID).
			SetURI(s.URIs.Status(author.Username, id)).
			SetURL(s.URIs.StatusWeb(author.Username, id)).
			SetText(in.Text).
			SetContentType(contentTypeOf(in.ContentType)).
			SetSpoilerText(in.SpoilerText).
			SetSensitive(*in.Sensitive || in.SpoilerText != "").
			SetLanguage(in.Language).
			SetVisibility(in.Visibility).
			SetLocalOnly(in.LocalOnly).
			SetLocal(true).
			SetThreadID(id)
		if in.ApplicationID != "" {
			create.SetApplicationID(in.ApplicationID)
		}
		var parent *ent.Status
		if in.InReplyToID != "" {
			if parent, err = replyTarget(ctx, c, authorID, in.InReplyToID); err != nil {
				return err
			}
			create.SetInReplyToID(parent.ID).SetInReplyToAccountID(parent.AccountID).SetThreadID(parent.ThreadID)
		}
		r, err := s.render(ctx, c, in.Text, in.ContentType)
		if err != nil {
			return err
		}
		emojis, err := media.EmojiIn(ctx, c, in.Text, in.SpoilerText)
		if err != nil {
			return err
		}
		create.SetContent(r.HTML).AddTagIDs(r.TagIDs...).AddEmojis(emojis...)
		st, err := create.Save(ctx)
		if err != nil {
			return fmt.Errorf("create status: %w", err)
		}
		if err := s.attach(ctx, tx, st, authorID, in.Draft, now); err != nil {
			return err
		}
		if err := search.Index(ctx, c, st); err != nil {
			return err
		}
		if err := s.addMentions(ctx, tx, st, r.MentionIDs); err != nil {
			return err
		}
		if err := conversations.Record(ctx, tx, s.Events, st, now); err != nil {
			return err
		}
		if in.IdempotencyKey != "" {
			if err := remember(ctx, tx, authorID, in.IdempotencyKey, st.ID, now); err != nil {
				return err
			}
		}
		if err := tx.Account.UpdateOneID(authorID).AddStatusesCount(1).SetLastStatusAt(now).Exec(ctx); err != nil {
			return fmt.Errorf("count status: %w", err)
		}
		if parent != nil {
			if err := tx.Status.UpdateOneID(parent.ID).AddRepliesCount(1).Exec(ctx); err != nil {
				return fmt.Errorf("count reply: %w", err)
			}
		}
		if err := Announce(ctx, tx, s.Events, hub.StatusCreated, st); err != nil {
			return err
		}
		created = st
		return federate.Send(ctx, s.Federator, tx, federate.Activity{Kind: federate.CreateStatus, ActorID: authorID, StatusID: st.ID})
	})
	if errors.Is(err, errRacedDuplicate) {
		// A copy of this request committed first; nothing of this one was written.
		st, err := posted(ctx, s.DB.Client, authorID, in.IdempotencyKey, now)
		if err == nil && st == nil {
			err = fmt.Errorf("create status: %w, but its status is gone", errRacedDuplicate)
		}
		return st, err
	}
	if err != nil {
		return nil, err
	}
	return s.DB.Status.Get(ctx, created.ID)
}

// Check fills in the author's defaults for what in leaves open and refuses what
// Create would refuse before writing anything (an unknown visibility, text or a poll
// over the limits). Scheduling a status checks it this way when it is scheduled, so
// that it does not fail when its time comes.
func (s *Service) Check(ctx context.Context, authorID string, in *NewStatus) error {
	prefs, err := s.DB.User.Query().Where(user.HasAccountWith(account.ID(authorID))).Only(ctx)
	if err != nil {
		return fmt.Errorf("create status: load author's preferences: %w", err)
	}
	applyDefaults(in, prefs)
	if err := status.VisibilityValidator(in.Visibility); err != nil {
		return apperr.BadInputf("unknown visibility %q", in.Visibility)
	}
	return s.Limits.check(&in.Draft)
}

// replyTarget loads the status being replied to; one the author may not see does not
// exist as far as they are concerned.
func replyTarget(ctx context.Context, c *ent.Client, authorID, id string) (*ent.Status, error) {
	ok, err := visibility.Visible(ctx, c, authorID, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, apperr.NotFoundf("the status being replied to was not found")
	}
	parent, err := c.Status.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load reply target: %w", err)
	}
	if parent.ReblogOfID != nil {
		return nil, apperr.BadInputf("a boost cannot be replied to; reply to the boosted status")
	}
	return parent, nil
}

// attach links the draft's media (which must be the author's and unattached) and
// creates its poll.
func (s *Service) attach(ctx context.Context, tx *store.Tx, st *ent.Status, authorID string, d Draft, now timeT) error {
	if len(d.MediaIDs) > 0 {
		if err := mediaReady(ctx, tx, authorID, d.MediaIDs); err != nil {
			return err
		}
		n, err := tx.MediaAttachment.Update().
			Where(mediaattachment.IDIn(d.MediaIDs...), mediaattachment.AccountID(authorID),
				mediaattachment.PurposeEQ(mediaattachment.PurposeATTACHMENT),
				mediaattachment.Not(mediaattachment.HasStatus())).
			SetStatusID(st.ID).Save(ctx)
		if err != nil {
			return fmt.Errorf("attach media: %w", err)
		}
		if n != len(dedupe(d.MediaIDs)) {
			return apperr.BadInputf("some media IDs are unknown, not yours, or already attached")
		}
	}
	if d.Poll != nil {
		p := d.Poll
		err := tx.Poll.Create().
			SetStatus(st).
			SetOptions(trimAll(p.Options)).
			SetMultiple(p.Multiple).
			SetHideTotals(p.HideTotals).
			SetExpiresAt(now.Add(p.ExpiresIn)).
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("create poll: %w", err)
		}
	}
	return nil
}

// mediaReady refuses uploads still being processed (or whose processing failed), as
// Mastodon does: a status must not go out with attachments that have no file yet.
func mediaReady(ctx context.Context, tx *store.Tx, authorID string, ids []string) error {
	n, err := tx.MediaAttachment.Query().
		Where(mediaattachment.IDIn(ids...), mediaattachment.AccountID(authorID),
			mediaattachment.ProcessingNEQ(mediaattachment.ProcessingPROCESSED)).
		Count(ctx)
	if err != nil {
		return fmt.Errorf("check media: %w", err)
	}
	if n > 0 {
		return apperr.BadInputf("Cannot attach files that have not finished processing. Try again in a moment!")
	}
	return nil
}

// addMentions records who the status mentions and notifies them.
func (s *Service) addMentions(ctx context.Context, tx *store.Tx, st *ent.Status, accountIDs []string) error {
	for _, id := range accountIDs {
		if err := tx.Mention.Create().SetStatusID(st.ID).SetAccountID(id).Exec(ctx); err != nil {
			return fmt.Errorf("record mention: %w", err)
		}
		_, err := notify.Send(ctx, tx, s.Events, notify.Notice{
			Type: notification.TypeMENTION, RecipientID: id, FromID: st.AccountID,
			StatusID: st.ID, ThreadID: st.ThreadID,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func applyDefaults(in *NewStatus, prefs *ent.User) {
	if in.Visibility == "" {
		in.Visibility = status.Visibility(prefs.DefaultVisibility)
	}
	if in.ContentType == "" {
		in.ContentType = text.Plain
		if prefs.DefaultContentType == user.DefaultContentTypeMARKDOWN {
			in.ContentType = text.Markdown
		}
	}
	if in.Sensitive == nil {
		v := prefs.DefaultSensitive
		in.Sensitive = &v
	}
	if in.Language == "" {
		in.Language = prefs.DefaultLanguage
	}
}

func contentTypeOf(ct text.ContentType) status.ContentType {
	if ct == text.Markdown {
		return status.ContentTypeMARKDOWN
	}
	return status.ContentTypePLAIN
}
