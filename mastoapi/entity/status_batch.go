package entity

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/application"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/media"
)

// statusBatch is everything a page of statuses needs to render, read with a fixed
// number of queries: one per kind of thing, each over the whole page.
type statusBatch struct {
	viewerID string
	byID     map[string]*ent.Status // the page and the statuses its boosts boost
	edges    map[string]*statusEdges
	accounts map[string]*Account // rendered authors and mentioned accounts
	apps     map[string]*ent.Application
	states   map[string]interact.State
	votes    pollVotes
	filtered map[string][]filters.Result   // the viewer's filters each status matches
	emojis   map[string][]*ent.CustomEmoji // custom emoji by status, for those that use any
}

// statusEdges are the rows hanging off one status.
type statusEdges struct {
	mentions []*ent.Mention
	tags     []*ent.Tag
	media    []*ent.MediaAttachment
	poll     *ent.Poll
}

// loadStatusBatch reads what sts lack. Edges already loaded on a status (with ent's
// With… options) are used as they are, which is how a status about to be deleted can
// still be rendered after its rows are gone.
func (r *Renderer) loadStatusBatch(ctx context.Context, viewerID string, sts []*ent.Status) (*statusBatch, error) {
	b := &statusBatch{viewerID: viewerID, byID: map[string]*ent.Status{}, edges: map[string]*statusEdges{}}
	for _, st := range sts {
		b.byID[st.ID] = st
	}
	steps := []func(context.Context, *Renderer) error{
		b.loadOriginals, b.loadEdges, b.loadAccounts, b.loadApplications, b.loadViewerState, b.loadPollVotes,
		b.loadFilters, b.loadEmojis,
	}
	for _, step := range steps {
		if err := step(ctx, r); err != nil {
			return nil, fmt.Errorf("render statuses: %w", err)
		}
	}
	return b, nil
}

// loadOriginals adds the statuses that boosts on the page boost.
func (b *statusBatch) loadOriginals(ctx context.Context, r *Renderer) error {
	var missing []string
	for _, st := range b.byID {
		if st.ReblogOfID == nil {
			continue
		}
		if orig, err := st.Edges.ReblogOfOrErr(); err == nil && orig != nil {
			b.byID[orig.ID] = orig
		} else if _, known := b.byID[*st.ReblogOfID]; !known {
			missing = append(missing, *st.ReblogOfID)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	origs, err := r.DB.Status.Query().Where(status.IDIn(missing...)).All(ctx)
	if err != nil {
		return fmt.Errorf("load boosted statuses: %w", err)
	}
	for _, o := range origs {
		b.byID[o.ID] = o
	}
	return nil
}

// loadEdges reads mentions, tags, media and polls for every status lacking any of
// them, by re-reading only the statuses' IDs with ent's eager loading: one query for
// the IDs and one per edge, whatever the number of statuses.
func (b *statusBatch) loadEdges(ctx context.Context, r *Renderer) error {
	var missing []string
	for id, st := range b.byID {
		if e, ok := loadedEdges(st); ok {
			b.edges[id] = e
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	shells, err := r.DB.Status.Query().Where(status.IDIn(missing...)).Select(status.FieldID).
		WithMentions().WithTags().WithMedia().WithPoll().All(ctx)
	if err != nil {
		return fmt.Errorf("load mentions, tags, media and polls: %w", err)
	}
	for _, s := range shells {
		b.edges[s.ID] = &statusEdges{
			mentions: s.Edges.Mentions, tags: s.Edges.Tags, media: s.Edges.Media, poll: s.Edges.Poll,
		}
	}
	for _, e := range b.edges {
		// Eager loading returns rows in no particular order; render them stably, in
		// the order they were made (tags by name).
		slices.SortFunc(e.mentions, func(x, y *ent.Mention) int { return cmp.Compare(x.ID, y.ID) })
		slices.SortFunc(e.media, func(x, y *ent.MediaAttachment) int { return cmp.Compare(x.ID, y.ID) })
		slices.SortFunc(e.tags, func(x, y *ent.Tag) int { return cmp.Compare(x.Name, y.Name) })
	}
	return nil
}

// loadEmojis reads the custom emoji of the statuses whose text may use some (has
// something shaped like a :shortcode:): none, and no query, for most pages.
func (b *statusBatch) loadEmojis(ctx context.Context, r *Renderer) error {
	var ids []string
	for id, st := range b.byID {
		if media.MayHaveEmoji(st.Content, st.SpoilerText) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	shells, err := r.DB.Status.Query().Where(status.IDIn(ids...)).Select(status.FieldID).WithEmojis().All(ctx)
	if err != nil {
		return fmt.Errorf("load custom emoji: %w", err)
	}
	b.emojis = map[string][]*ent.CustomEmoji{}
	for _, s := range shells {
		b.emojis[s.ID] = s.Edges.Emojis
	}
	return nil
}

// loadedEdges returns st's edges when all of them were loaded with it.
func loadedEdges(st *ent.Status) (*statusEdges, bool) {
	mentions, err1 := st.Edges.MentionsOrErr()
	tags, err2 := st.Edges.TagsOrErr()
	media, err3 := st.Edges.MediaOrErr()
	p, err4 := st.Edges.PollOrErr()
	if err1 != nil || err2 != nil || err3 != nil || (err4 != nil && !ent.IsNotFound(err4)) {
		return nil, false
	}
	return &statusEdges{mentions: mentions, tags: tags, media: media, poll: p}, true
}

// loadAccounts renders the authors of all the statuses and the accounts they mention.
func (b *statusBatch) loadAccounts(ctx context.Context, r *Renderer) error {
	known := map[string]*ent.Account{}
	var missing []string
	want := func(id string, loaded *ent.Account) {
		if _, ok := known[id]; ok {
			return
		}
		known[id] = loaded
		if loaded == nil {
			missing = append(missing, id)
		}
	}
	for _, st := range b.byID {
		a, _ := st.Edges.AccountOrErr()
		want(st.AccountID, a)
	}
	for _, e := range b.edges {
		for _, m := range e.mentions {
			a, _ := m.Edges.AccountOrErr()
			want(m.AccountID, a)
		}
	}
	if len(missing) > 0 {
		rows, err := r.DB.Account.Query().Where(account.IDIn(missing...)).All(ctx)
		if err != nil {
			return fmt.Errorf("load accounts: %w", err)
		}
		for _, a := range rows {
			known[a.ID] = a
		}
	}
	as := make([]*ent.Account, 0, len(known))
	for _, a := range known {
		if a != nil {
			as = append(as, a)
		}
	}
	rendered, err := r.Accounts(ctx, as)
	if err != nil {
		return err
	}
	b.accounts = make(map[string]*Account, len(rendered))
	for _, a := range rendered {
		b.accounts[a.ID] = a
	}
	return nil
}

// loadApplications reads the clients the statuses were posted with.
func (b *statusBatch) loadApplications(ctx context.Context, r *Renderer) error {
	b.apps = map[string]*ent.Application{}
	var missing []string
	for _, st := range b.byID {
		if st.ApplicationID == nil {
			continue
		}
		if app, err := st.Edges.ApplicationOrErr(); err == nil && app != nil {
			b.apps[app.ID] = app
		} else {
			missing = append(missing, *st.ApplicationID)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	apps, err := r.DB.Application.Query().Where(application.IDIn(missing...)).
		Select(application.FieldID, application.FieldName, application.FieldWebsite).All(ctx)
	if err != nil {
		return fmt.Errorf("load applications: %w", err)
	}
	for _, a := range apps {
		b.apps[a.ID] = a
	}
	return nil
}

// loadViewerState reads the viewer's marks on every status at once.
func (b *statusBatch) loadViewerState(ctx context.Context, r *Renderer) error {
	ids := make([]string, 0, len(b.byID))
	for id := range b.byID {
		ids = append(ids, id)
	}
	states, err := r.Interact.ViewerState(ctx, b.viewerID, ids)
	if err != nil {
		return err
	}
	b.states = states
	return nil
}

// loadPollVotes tallies every poll on the page at once.
func (b *statusBatch) loadPollVotes(ctx context.Context, r *Renderer) error {
	var ps []*ent.Poll
	for _, e := range b.edges {
		if e.poll != nil {
			ps = append(ps, e.poll)
		}
	}
	votes, err := r.loadPollVotes(ctx, b.viewerID, ps)
	b.votes = votes
	return err
}

// loadFilters matches every status (boosted originals too) against the viewer's
// filters at once, in every context: Mastodon lists all matching filters and lets the
// client apply those of the timeline it shows.
func (b *statusBatch) loadFilters(ctx context.Context, r *Renderer) error {
	if r.Filters == nil || b.viewerID == "" {
		return nil
	}
	sts := make([]*ent.Status, 0, len(b.byID))
	for _, st := range b.byID {
		sts = append(sts, st)
	}
	var err error
	b.filtered, err = r.Filters.Match(ctx, b.viewerID, sts, "")
	return err
}
