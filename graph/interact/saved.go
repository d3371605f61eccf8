package interact

import (
	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/bookmark"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Favourites returns a query for the actor's favourites of statuses it may still see:
// one whose author has since blocked the actor, or made followers-only and lost the
// actor as a follower, drops out. The query is unordered so that callers can page it
// by favourite ID, newest favourite first, as Mastodon's /api/v1/favourites does.
func (s *Service) Favourites(actorID string) *ent.FavouriteQuery {
	return s.DB.Favourite.Query().Where(
		favourite.AccountID(actorID),
		favourite.HasStatusWith(visibility.Statuses(actorID)),
	)
}

// Bookmarks is Favourites for the actor's bookmarks.
func (s *Service) Bookmarks(actorID string) *ent.BookmarkQuery {
	return s.DB.Bookmark.Query().Where(
		bookmark.AccountID(actorID),
		bookmark.HasStatusWith(visibility.Statuses(actorID)),
	)
}
