package ingest

import (
	"context"
	"fmt"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/graph/store"
)

// update applies a post to its stored copy: an edit when what people read changed
// (text, warning, sensitivity, attachments, poll options), new counts when only a
// poll's tallies did, and nothing when it is the same post again. It returns the
// status as stored afterwards.
func (g *Ingester) update(ctx context.Context, st *ent.Status, n *ap.Note, author *ent.Account) (*ent.Status, error) {
	if st.AccountID != author.ID || st.ReblogOfID != nil {
		return nil, fmt.Errorf("%w: %s is another account's", ErrNotAuthor, st.URI)
	}
	// A revision no newer than the stored one is not an edit: the same revision
	// again, or an older one delivered late. It may still bring a poll's new counts:
	// servers send those with the time of the last edit.
	stale := !n.Updated.IsZero() && st.EditedAt != nil && !n.Updated.After(*st.EditedAt)
	c := contentOf(n)
	media, err := g.DB.MediaAttachment.Query().
		Where(mediaattachment.HasStatusWith(status.ID(st.ID))).
		Order(ent.Asc(mediaattachment.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load attachments of %s: %w", st.URI, err)
	}
	oldPoll, err := g.DB.Poll.Query().Where(poll.HasStatusWith(status.ID(st.ID))).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("load poll of %s: %w", st.URI, err)
	}
	pollChanged := !stale && pollReplaced(oldPoll, c.Poll)
	edited := !stale && (c.HTML != st.Content || c.SpoilerText != st.SpoilerText || c.Sensitive != st.Sensitive ||
		!sameMedia(media, c.Media) || pollChanged)
	counted := oldPoll != nil && c.Poll != nil && !pollReplaced(oldPoll, c.Poll) && g.countsChanged(oldPoll, c.Poll)
	if !edited && !counted {
		return st, nil
	}
	var mentions []mentionOf
	if edited {
		if mentions, err = g.mentioned(ctx, n); err != nil {
			return nil, err
		}
	}
	err = g.DB.InTx(ctx, func(tx *store.Tx) error {
		if edited {
			if err := g.edit(ctx, tx, st, author.Domain, n, c, media, oldPoll, pollChanged, mentions); err != nil {
				return err
			}
		} else if err := g.recount(ctx, tx, oldPoll, c.Poll); err != nil {
			return err
		}
		fresh, err := tx.Status.Get(ctx, st.ID)
		if err != nil {
			return fmt.Errorf("reload status %s: %w", st.URI, err)
		}
		return posting.Announce(ctx, tx, g.Events, hub.StatusUpdated, fresh)
	})
	if err != nil {
		return nil, err
	}
	return g.DB.Status.Get(ctx, st.ID)
}

// edit stores the previous revision and writes the new one.
func (g *Ingester) edit(ctx context.Context, tx *store.Tx, st *ent.Status, domain string, n *ap.Note, c content,
	media []*ent.MediaAttachment, oldPoll *ent.Poll, pollChanged bool, mentions []mentionOf) error {
	if err := posting.SaveRevision(ctx, tx, st); err != nil {
		return err
	}
	tagIDs, err := posting.EnsureTags(ctx, tx.Client(), c.Tags)
	if err != nil {
		return err
	}
	emojiIDs, err := upsertEmojis(ctx, tx, domain, n.Emojis)
	if err != nil {
		return err
	}
	updated, err := tx.Status.UpdateOne(st).
		SetContent(c.HTML).
		SetSpoilerText(c.SpoilerText).
		SetSensitive(c.Sensitive).
		SetLanguage(c.Language).
		SetEditedAt(firstTime(n.Updated, g.now())).
		ClearTags().AddTagIDs(tagIDs...).
		ClearEmojis().AddEmojiIDs(emojiIDs...).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("edit status %s: %w", st.URI, err)
	}
	if !sameMedia(media, c.Media) {
		ids := make([]string, len(media))
		for i, m := range media {
			ids[i] = m.ID
		}
		if _, err := tx.MediaAttachment.Delete().Where(mediaattachment.IDIn(ids...)).Exec(ctx); err != nil {
			return fmt.Errorf("remove old attachments of %s: %w", st.URI, err)
		}
		if err := g.attach(ctx, tx, updated, c.Media); err != nil {
			return err
		}
	}
	if pollChanged {
		// A changed question starts over, as on Mastodon: votes for the old options
		// would be meaningless. The database drops the votes with the poll.
		if oldPoll != nil {
			if err := tx.Poll.DeleteOne(oldPoll).Exec(ctx); err != nil {
				return fmt.Errorf("replace poll of %s: %w", st.URI, err)
			}
		}
		if c.Poll != nil {
			if err := g.createPoll(ctx, tx, updated, c.Poll); err != nil {
				return err
			}
		}
	} else if oldPoll != nil && c.Poll != nil {
		if err := g.recount(ctx, tx, oldPoll, c.Poll); err != nil {
			return err
		}
	}
	if err := search.Index(ctx, tx.Client(), updated); err != nil {
		return err
	}
	known, err := tx.Mention.Query().Where(mention.StatusID(st.ID)).Select(mention.FieldAccountID).Strings(ctx)
	if err != nil {
		return fmt.Errorf("load mentions: %w", err)
	}
	var added []mentionOf
	for _, m := range mentions {
		if !slices.Contains(known, m.account.ID) {
			added = append(added, m)
		}
	}
	return g.addMentions(ctx, tx, updated, added)
}

// recount takes a remote poll's new tallies.
func (g *Ingester) recount(ctx context.Context, tx *store.Tx, old *ent.Poll, p *ap.Poll) error {
	expires, closed := pollTimes(p, g.now())
	up := tx.Poll.UpdateOne(old).SetRemoteCounts(pollCounts(p)).
		SetNillableExpiresAt(expires).SetNillableClosedAt(closed)
	if v := pollVoters(p); v != nil {
		up.SetRemoteVotersCount(*v)
	} else {
		up.ClearRemoteVotersCount()
	}
	if err := up.Exec(ctx); err != nil {
		return fmt.Errorf("update poll counts: %w", err)
	}
	return nil
}

// countsChanged reports whether a poll's tallies, voters or end changed.
func (g *Ingester) countsChanged(old *ent.Poll, p *ap.Poll) bool {
	expires, closed := pollTimes(p, g.now())
	if old.ClosedAt != nil && closed != nil {
		closed = old.ClosedAt // a poll closes once; the time it is seen closed may vary
	}
	return !slices.Equal(old.RemoteCounts, pollCounts(p)) || !sameInt(old.RemoteVotersCount, pollVoters(p)) ||
		!sameTime(old.ExpiresAt, expires) || !sameTime(old.ClosedAt, closed)
}

// pollReplaced reports whether the question itself changed: a poll added or
// removed, or other options.
func pollReplaced(old *ent.Poll, p *ap.Poll) bool {
	if old == nil || p == nil {
		return (old == nil) != (p == nil)
	}
	return !equalStrings(old.Options, pollOptions(p)) || old.Multiple != p.Multiple
}

// sameMedia reports whether the stored attachments are the post's, in order.
func sameMedia(stored []*ent.MediaAttachment, media []ap.Attachment) bool {
	if len(stored) != len(media) {
		return false
	}
	for i, m := range stored {
		if m.RemoteURL != media[i].URL || m.Description != media[i].Description {
			return false
		}
	}
	return true
}
