// Package tags lets local accounts follow hashtags, and tells which hashtags an
// account follows. Public statuses with a followed hashtag enter the follower's home
// timeline (graph/timeline) and its live home stream (graph/fanout); this package
// keeps the follows themselves. The GraphQL tag fields and mutations and the Mastodon
// API's /api/v1/tags and /api/v1/followed_tags routes both call it.
package tags

import (
	"context"
	"fmt"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/ent/tagfollow"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/text"
)

// Service reads and follows hashtags for local accounts.
type Service struct {
	DB *store.DB
}

// maxNameLength is the longest hashtag name the database stores.
const maxNameLength = 255

// Normalize returns the stored form of a hashtag name given with or without '#' and
// in any case, and whether it is a hashtag at all: what a status could link as one
// ("cats", "ＣＡＴＳ" and "#Cats" are all "cats"; "no spaces" and "123" are not).
func Normalize(name string) (string, bool) {
	raw := strings.TrimPrefix(strings.TrimSpace(name), "#")
	n := text.NormalizeTag(raw)
	_, found := text.Parse("#"+raw, text.Plain)
	if len(found) != 1 || found[0] != n || len(n) > maxNameLength {
		return "", false
	}
	return n, true
}

// errTagNotFound answers for a name that is not a hashtag.
func errTagNotFound() error { return apperr.NotFoundf("hashtag not found") }

// Get returns the hashtag with the name. A valid name that no status has used yet
// gives an unsaved tag (its ID empty), as Mastodon shows any hashtag one could use;
// a name that is not a hashtag is not found.
func (s *Service) Get(ctx context.Context, name string) (*ent.Tag, error) {
	n, ok := Normalize(name)
	if !ok {
		return nil, errTagNotFound()
	}
	t, err := s.DB.Tag.Query().Where(tag.Name(n)).Only(ctx)
	if ent.IsNotFound(err) {
		return &ent.Tag{Name: n, Usable: true, Listable: true}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load hashtag %s: %w", n, err)
	}
	return t, nil
}

// Following reports which of the hashtags (by ID) the account follows.
func (s *Service) Following(ctx context.Context, accountID string, tagIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	if accountID == "" || len(tagIDs) == 0 {
		return out, nil
	}
	followed, err := s.DB.TagFollow.Query().
		Where(tagfollow.AccountID(accountID), tagfollow.TagIDIn(tagIDs...)).
		Select(tagfollow.FieldTagID).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("load followed hashtags: %w", err)
	}
	for _, id := range followed {
		out[id] = true
	}
	return out, nil
}

// Followed is a query for the account's hashtag follows, each with its hashtag loaded.
// It is unordered: callers page it by follow ID, newest follow first.
func (s *Service) Followed(accountID string) *ent.TagFollowQuery {
	return s.DB.TagFollow.Query().Where(tagfollow.AccountID(accountID)).WithTag()
}
