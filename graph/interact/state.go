package interact

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/bookmark"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/statuspin"
	"github.com/fedigraph/fedigraph/ent/threadmute"
)

// State is what the viewer has done to a status, as Mastodon's Status entity shows
// (favourited, reblogged, bookmarked, pinned, muted).
type State struct {
	Favourited bool
	Reblogged  bool // the viewer has boosted it
	Bookmarked bool
	Pinned     bool
	Muted      bool // its conversation is muted
}

// ViewerState returns the viewer's State for each of the statuses, keyed by the IDs
// given. A boost's state is that of the status it boosts, where interactions land.
// Unknown IDs are left out; a signed-out viewer ("") has done nothing and costs no
// query. It issues at most seven queries however many IDs it is given (one more when
// some of them are boosts), for resolvers and Mastodon renderers that show a page of
// statuses at once.
func (s *Service) ViewerState(ctx context.Context, viewerID string, statusIDs []string) (map[string]State, error) {
	out := make(map[string]State, len(statusIDs))
	if viewerID == "" || len(statusIDs) == 0 {
		return out, nil
	}
	c := s.DB.Client
	given, err := c.Status.Query().Where(status.IDIn(statusIDs...)).
		Select(status.FieldID, status.FieldReblogOfID, status.FieldThreadID).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("viewer state: load statuses: %w", err)
	}
	origOf := make(map[string]string, len(given))
	threadOfOrig := map[string]string{}
	var boostedIDs []string
	for _, st := range given {
		if st.ReblogOfID != nil {
			origOf[st.ID] = *st.ReblogOfID
			boostedIDs = append(boostedIDs, *st.ReblogOfID)
		} else {
			origOf[st.ID] = st.ID
			threadOfOrig[st.ID] = threadOf(st)
		}
	}
	if len(boostedIDs) > 0 {
		// The threads of boosted originals not themselves among the IDs given.
		origs, err := c.Status.Query().Where(status.IDIn(boostedIDs...)).
			Select(status.FieldID, status.FieldThreadID).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("viewer state: load boosted statuses: %w", err)
		}
		for _, st := range origs {
			threadOfOrig[st.ID] = threadOf(st)
		}
	}
	origIDs := make([]string, 0, len(threadOfOrig))
	threads := make([]string, 0, len(threadOfOrig))
	for id, thread := range threadOfOrig {
		origIDs = append(origIDs, id)
		threads = append(threads, thread)
	}

	marks, err := s.viewerMarks(ctx, c, viewerID, origIDs, threads)
	if err != nil {
		return nil, err
	}
	for id, orig := range origOf {
		out[id] = State{
			Favourited: marks.favourited[orig],
			Reblogged:  marks.reblogged[orig],
			Bookmarked: marks.bookmarked[orig],
			Pinned:     marks.pinned[orig],
			Muted:      marks.mutedThread[threadOfOrig[orig]],
		}
	}
	return out, nil
}

// marks are the sets of statuses (and threads) the viewer has acted on.
type marks struct {
	favourited, reblogged, bookmarked, pinned, mutedThread map[string]bool
}

// viewerMarks issues one query per kind of interaction over all the statuses.
func (s *Service) viewerMarks(ctx context.Context, c *ent.Client, viewerID string, origIDs, threads []string) (marks, error) {
	var m marks
	steps := []struct {
		what  string
		into  *map[string]bool
		query func() ([]string, error)
	}{
		{"favourites", &m.favourited, func() ([]string, error) {
			return c.Favourite.Query().Where(favourite.AccountID(viewerID), favourite.StatusIDIn(origIDs...)).
				Select(favourite.FieldStatusID).Strings(ctx)
		}},
		{"boosts", &m.reblogged, func() ([]string, error) {
			return c.Status.Query().Where(status.AccountID(viewerID), status.ReblogOfIDIn(origIDs...)).
				Select(status.FieldReblogOfID).Strings(ctx)
		}},
		{"bookmarks", &m.bookmarked, func() ([]string, error) {
			return c.Bookmark.Query().Where(bookmark.AccountID(viewerID), bookmark.StatusIDIn(origIDs...)).
				Select(bookmark.FieldStatusID).Strings(ctx)
		}},
		{"pins", &m.pinned, func() ([]string, error) {
			return c.StatusPin.Query().Where(statuspin.AccountID(viewerID), statuspin.StatusIDIn(origIDs...)).
				Select(statuspin.FieldStatusID).Strings(ctx)
		}},
		{"conversation mutes", &m.mutedThread, func() ([]string, error) {
			return c.ThreadMute.Query().Where(threadmute.AccountID(viewerID), threadmute.ThreadIDIn(threads...)).
				Select(threadmute.FieldThreadID).Strings(ctx)
		}},
	}
	for _, step := range steps {
		ids, err := step.query()
		if err != nil {
			return m, fmt.Errorf("viewer state: %s: %w", step.what, err)
		}
		set := make(map[string]bool, len(ids))
		for _, id := range ids {
			set[id] = true
		}
		*step.into = set
	}
	return m, nil
}
