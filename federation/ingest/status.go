package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/conversations"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// UpsertStatus stores a remote post by author, or applies it to the stored copy, by
// its ActivityPub ID, and reports whether it was new.
//
// A new status gets an ID from its own published time, sanitized content, the
// visibility its addressing gives, its parent (fetched through Resolve when unknown,
// to a bounded depth; a parent that cannot be had leaves the reply without one), its
// mentions (notifying local accounts that may see it and want to hear from the
// author), hashtags, custom emojis, attachments (recorded by URL; fetching the files
// is the media worker's part) and poll; it is indexed for search, counted on its
// author and parent, and announced on live timelines once committed — as a local
// status is.
//
// An existing status is the same post again (nothing changes) or an edit: the
// previous revision is kept in its history and the change announced. A poll's new
// counts are taken without making a revision. An update older than the stored
// revision is ignored.
//
// Posts by a suspended author or from a suspended domain are refused (ErrRefused);
// a post attributed to another account than author, or an existing status of
// another account, fails with ErrNotAuthor.
func (g *Ingester) UpsertStatus(ctx context.Context, n *ap.Note, author *ent.Account) (*ent.Status, bool, error) {
	if n == nil || author == nil {
		return nil, false, apperr.BadInputf("no post or no author")
	}
	if author.Domain == "" || (n.AttributedTo != "" && n.AttributedTo != author.URI) {
		return nil, false, fmt.Errorf("%w: %s is not attributed to %s", ErrNotAuthor, n.ID, author.URI)
	}
	if err := g.mayPost(ctx, author); err != nil {
		return nil, false, err
	}
	existing, err := g.DB.Status.Query().Where(status.URI(n.ID)).Only(ctx)
	if err == nil {
		st, err := g.update(ctx, existing, n, author)
		return st, false, err
	}
	if !ent.IsNotFound(err) {
		return nil, false, fmt.Errorf("load status %s: %w", n.ID, err)
	}
	// Everything that may need a fetch happens before the transaction: a fetch stores
	// what it finds in transactions of its own, and SQLite has one writer.
	parent := g.parent(ctx, n.InReplyTo)
	mentions, err := g.mentioned(ctx, n)
	if err != nil {
		return nil, false, err
	}
	st, err := g.create(ctx, n, author, parent, mentions)
	if err != nil && ent.IsConstraintError(err) {
		// The same post arrived twice at once (a delivery and a fetch): the other
		// one stored it.
		if st, err := g.DB.Status.Query().Where(status.URI(n.ID)).Only(ctx); err == nil {
			return st, false, nil
		}
	}
	if err != nil {
		return nil, false, err
	}
	return st, true, nil
}

// parent finds the status a post replies to: stored already, or fetched through
// Resolve while the reply chain being fetched is not too deep. Nil when there is none
// to be had: the reply is kept without it.
func (g *Ingester) parent(ctx context.Context, uri string) *ent.Status {
	if uri == "" {
		return nil
	}
	st, err := g.DB.Status.Query().Where(status.URI(uri)).Only(ctx)
	if err != nil && g.Resolve != nil && depth(ctx) < g.maxDepth() {
		st, err = g.Resolve.Status(context.WithValue(ctx, depthKey{}, depth(ctx)+1), uri)
	}
	if err != nil || st == nil || st.ReblogOfID != nil {
		return nil
	}
	return st
}

// mentionOf is an account a post mentions; a silent one is only addressed (a direct
// message without a Mention tag), and is not notified.
type mentionOf struct {
	account *ent.Account
	silent  bool
}

// mentioned finds the accounts a post mentions: by their ID or profile URL among
// stored accounts, else through Resolve. Mentions that cannot be resolved stay text.
// Local accounts the post is addressed to without a Mention tag are mentioned
// silently, as Mastodon does, so that they can see a direct message.
func (g *Ingester) mentioned(ctx context.Context, n *ap.Note) ([]mentionOf, error) {
	var out []mentionOf
	seen := map[string]bool{}
	for _, m := range n.Mentions {
		if len(out) >= maxMentions {
			break
		}
		if m.Href == "" || seen[m.Href] {
			continue
		}
		seen[m.Href] = true
		// By ID first: a profile URL is only what an actor claims, and another actor
		// may claim the same.
		a, err := g.DB.Account.Query().Where(account.URI(m.Href)).Only(ctx)
		if ent.IsNotFound(err) {
			a, err = g.DB.Account.Query().Where(account.URL(m.Href)).
				Order(ent.Asc(account.FieldDomain), ent.Asc(account.FieldID)).First(ctx)
		}
		if ent.IsNotFound(err) && g.Resolve != nil {
			a, err = g.Resolve.Account(ctx, m.Href)
		}
		if err != nil || a == nil {
			continue
		}
		out = append(out, mentionOf{account: a})
	}
	var addressed []string
	for _, iri := range append(append([]string{}, n.To...), n.Cc...) {
		if !ap.IsPublic(iri) && !seen[iri] && len(addressed) < maxMentions {
			seen[iri] = true
			addressed = append(addressed, iri)
		}
	}
	if len(addressed) > 0 {
		locals, err := g.DB.Account.Query().Where(account.URIIn(addressed...), account.Domain("")).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load addressed accounts: %w", err)
		}
		for _, a := range locals {
			out = append(out, mentionOf{account: a, silent: true})
		}
	}
	// The same account may be mentioned by ID and by URL.
	ids := map[string]bool{}
	uniq := out[:0]
	for _, m := range out {
		if !ids[m.account.ID] {
			ids[m.account.ID] = true
			uniq = append(uniq, m)
		}
	}
	return uniq, nil
}

// create writes a new remote status with everything that hangs off it.
func (g *Ingester) create(ctx context.Context, n *ap.Note, author *ent.Account, parent *ent.Status, mentions []mentionOf) (*ent.Status, error) {
	c := contentOf(n)
	vis := status.Visibility(ap.Visibility(n.To, n.Cc, author.FollowersURI))
	if status.VisibilityValidator(vis) != nil {
		vis = status.VisibilityDIRECT
	}
	at := g.createdAt(n.Published)
	var created *ent.Status
	err := g.DB.InTx(ctx, func(tx *store.Tx) error {
		id := ids.New(at)
		create := tx.Status.Create().
			SetID(id).
			SetCreatedAt(at).
			SetAccountID(author.ID).
			SetURI(n.ID).
			SetURL(cut(firstNonEmpty(n.URL, n.ID), maxURL)).
			SetContent(c.HTML).
			SetSpoilerText(c.SpoilerText).
			SetSensitive(c.Sensitive).
			SetLanguage(c.Language).
			SetVisibility(vis).
			SetLocal(false).
			SetObjectType(n.Type).
			SetThreadID(id)
		if parent != nil {
			create.SetInReplyToID(parent.ID).SetInReplyToAccountID(parent.AccountID).SetThreadID(parent.ThreadID)
		}
		tagIDs, err := posting.EnsureTags(ctx, tx.Client(), c.Tags)
		if err != nil {
			return err
		}
		emojiIDs, err := upsertEmojis(ctx, tx, author.Domain, n.Emojis)
		if err != nil {
			return err
		}
		st, err := create.AddTagIDs(tagIDs...).AddEmojiIDs(emojiIDs...).Save(ctx)
		if err != nil {
			return fmt.Errorf("create status %s: %w", n.ID, err)
		}
		if err := g.attach(ctx, tx, st, c.Media); err != nil {
			return err
		}
		if c.Poll != nil {
			if err := g.createPoll(ctx, tx, st, c.Poll); err != nil {
				return err
			}
		}
		if err := search.Index(ctx, tx.Client(), st); err != nil {
			return err
		}
		if err := g.addMentions(ctx, tx, st, mentions); err != nil {
			return err
		}
		// A direct status reaches its local participants' conversations as a local one does.
		if err := conversations.Record(ctx, tx, g.Events, st, at); err != nil {
			return err
		}
		err = tx.Account.UpdateOneID(author.ID).AddStatusesCount(1).SetLastStatusAt(at).Exec(ctx)
		if err != nil {
			return fmt.Errorf("count status: %w", err)
		}
		if parent != nil {
			if err := tx.Status.UpdateOneID(parent.ID).AddRepliesCount(1).Exec(ctx); err != nil {
				return fmt.Errorf("count reply: %w", err)
			}
		}
		created = st
		return posting.Announce(ctx, tx, g.Events, hub.StatusCreated, st)
	})
	if err != nil {
		return nil, err
	}
	return g.DB.Status.Get(ctx, created.ID)
}

// attach records a status's attachments as remote media, in order.
func (g *Ingester) attach(ctx context.Context, tx *store.Tx, st *ent.Status, media []ap.Attachment) error {
	for _, a := range media {
		err := tx.MediaAttachment.Create().
			SetAccountID(st.AccountID).
			SetStatusID(st.ID).
			SetType(mediaType(a)).
			SetContentType(a.MediaType).
			SetRemoteURL(a.URL).
			SetDescription(a.Description).
			SetBlurhash(cut(a.Blurhash, 255)).
			SetMeta(mediaMeta(a)).
			SetFocusX(a.FocusX).
			SetFocusY(a.FocusY).
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("record attachment of %s: %w", st.URI, err)
		}
	}
	return nil
}

// createPoll records a remote poll with the counts its server reports.
func (g *Ingester) createPoll(ctx context.Context, tx *store.Tx, st *ent.Status, p *ap.Poll) error {
	expires, closed := pollTimes(p, g.now())
	err := tx.Poll.Create().
		SetStatus(st).
		SetOptions(pollOptions(p)).
		SetRemoteCounts(pollCounts(p)).
		SetNillableRemoteVotersCount(pollVoters(p)).
		SetMultiple(p.Multiple).
		SetNillableExpiresAt(expires).
		SetNillableClosedAt(closed).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("record poll of %s: %w", st.URI, err)
	}
	return nil
}

// addMentions records the mentions and notifies the mentioned local accounts that
// may see the status, through notify's rules (blocks, mutes, muted conversations,
// blocked domains).
func (g *Ingester) addMentions(ctx context.Context, tx *store.Tx, st *ent.Status, mentions []mentionOf) error {
	for _, m := range mentions {
		err := tx.Mention.Create().SetStatusID(st.ID).SetAccountID(m.account.ID).SetSilent(m.silent).Exec(ctx)
		if err != nil {
			return fmt.Errorf("record mention: %w", err)
		}
	}
	for _, m := range mentions {
		if m.silent || m.account.Domain != "" {
			continue
		}
		ok, err := visibility.Visible(ctx, tx.Client(), m.account.ID, st.ID)
		if err != nil {
			return err
		}
		if !ok {
			continue // the author blocks them: a mention must not leak the status
		}
		_, err = notify.Send(ctx, tx, g.Events, notify.Notice{
			Type: notification.TypeMENTION, RecipientID: m.account.ID, FromID: st.AccountID,
			StatusID: st.ID, ThreadID: st.ThreadID,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// IsRefusal reports whether err is one of the ingester's refusals rather than a
// failure worth retrying.
func IsRefusal(err error) bool {
	return errors.Is(err, ErrRefused) || errors.Is(err, ErrNotAuthor)
}
