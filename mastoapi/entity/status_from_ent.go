package entity

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/thread"
)

// Status renders one status as viewerID ("" when signed out) sees it.
func (r *Renderer) Status(ctx context.Context, viewerID string, st *ent.Status) (*Status, error) {
	out, err := r.Statuses(ctx, viewerID, []*ent.Status{st})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// Statuses renders a page of statuses in the order given, with a fixed number of
// queries whatever the page size: the boosted originals, the edges (mentions, tags,
// media, polls), the accounts, the applications, the viewer's marks and the poll
// votes are each read once for the whole page.
func (r *Renderer) Statuses(ctx context.Context, viewerID string, sts []*ent.Status) ([]*Status, error) {
	b, err := r.loadStatusBatch(ctx, viewerID, sts)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	out := make([]*Status, len(sts))
	for i, st := range sts {
		if out[i], err = r.statusOf(b, st, now); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// DeletedStatus renders a status for the answer to its deletion: Status plus the
// source text, so that the client can offer to redraft it. Render it before the row
// is deleted, or pass a status whose edges are already loaded.
func (r *Renderer) DeletedStatus(ctx context.Context, viewerID string, st *ent.Status) (*Status, error) {
	out, err := r.Status(ctx, viewerID, st)
	if err != nil {
		return nil, err
	}
	text := st.Text
	out.Text = &text
	return out, nil
}

// Context renders a status's conversation, both halves in one batch.
func (r *Renderer) Context(ctx context.Context, viewerID string, c *thread.Context) (*Context, error) {
	all := append(append([]*ent.Status{}, c.Ancestors...), c.Descendants...)
	rendered, err := r.Statuses(ctx, viewerID, all)
	if err != nil {
		return nil, err
	}
	n := len(c.Ancestors)
	return &Context{Ancestors: rendered[:n:n], Descendants: rendered[n:]}, nil
}

// statusOf converts one status from the batch. A boost is an empty shell around the
// status it boosts, as on Mastodon.
func (r *Renderer) statusOf(b *statusBatch, st *ent.Status, now time.Time) (*Status, error) {
	author := b.accounts[st.AccountID]
	if author == nil {
		return nil, fmt.Errorf("render status %s: author %s not found", st.ID, st.AccountID)
	}
	out := &Status{
		ID:               st.ID,
		URI:              st.URI,
		URL:              nullable(firstNonEmpty(st.URL, st.URI)),
		CreatedAt:        NewTime(st.CreatedAt),
		Account:          author,
		Visibility:       VisibilityName(string(st.Visibility)),
		MediaAttachments: []MediaAttachment{},
		Mentions:         []Mention{},
		Tags:             []StatusTag{},
		Emojis:           []CustomEmoji{},
	}
	r.addViewerMarks(b, st, out)
	if st.ReblogOfID != nil {
		orig := b.byID[*st.ReblogOfID]
		if orig == nil {
			return nil, fmt.Errorf("render boost %s: boosted status %s not found", st.ID, *st.ReblogOfID)
		}
		reblog, err := r.statusOf(b, orig, now)
		if err != nil {
			return nil, err
		}
		out.Reblog = reblog
		return out, nil
	}
	out.Content = st.Content
	out.Sensitive = st.Sensitive
	out.SpoilerText = st.SpoilerText
	out.ReblogsCount = st.ReblogsCount
	out.FavouritesCount = st.FavouritesCount
	out.RepliesCount = st.RepliesCount
	out.InReplyToID = st.InReplyToID
	out.InReplyToAccountID = st.InReplyToAccountID
	out.Language = nullable(st.Language)
	out.EditedAt = NewTimePtr(st.EditedAt)
	if st.ApplicationID != nil {
		if app := b.apps[*st.ApplicationID]; app != nil {
			out.Application = &Application{Name: app.Name, Website: nullable(app.Website)}
		}
	}
	if e := b.edges[st.ID]; e != nil {
		r.addEdges(b, st, e, out, now)
	}
	if es := b.emojis[st.ID]; len(es) > 0 {
		out.Emojis = r.CustomEmojis(es)
	}
	return out, nil
}

// addEdges renders the rows hanging off a status.
func (r *Renderer) addEdges(b *statusBatch, st *ent.Status, e *statusEdges, out *Status, now time.Time) {
	for _, m := range e.mentions {
		if a := b.accounts[m.AccountID]; a != nil {
			out.Mentions = append(out.Mentions, Mention{ID: a.ID, Username: a.Username, URL: a.URL, Acct: a.Acct})
		}
	}
	for _, t := range e.tags {
		out.Tags = append(out.Tags, StatusTag{Name: t.Name, URL: r.Settings.URIs.Tag(t.Name)})
	}
	for _, m := range e.media {
		out.MediaAttachments = append(out.MediaAttachments, r.mediaOf(m))
	}
	if e.poll != nil {
		out.Poll = pollOf(e.poll, st.AccountID, b.votes.totals[e.poll.ID], b.viewerID, b.votes.own[e.poll.ID], now)
	}
}

// addViewerMarks sets what a signed-in viewer has done to the status (for a boost,
// to the status it boosts). Mastodon sends none of these keys to a signed-out viewer,
// and "pinned" only on the viewer's own statuses that could be pinned.
func (r *Renderer) addViewerMarks(b *statusBatch, st *ent.Status, out *Status) {
	if b.viewerID == "" {
		return
	}
	s := b.states[st.ID]
	out.Favourited, out.Reblogged, out.Muted, out.Bookmarked = &s.Favourited, &s.Reblogged, &s.Muted, &s.Bookmarked
	out.Filtered = filterResults(b.filtered[st.ID])
	if st.AccountID == b.viewerID && st.ReblogOfID == nil && out.Visibility != "direct" {
		out.Pinned = &s.Pinned
	}
}

// nullable is nil (JSON null) for an empty string.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
