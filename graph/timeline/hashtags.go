package timeline

import (
	"strings"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/text"
)

// MaxExtraTags is how many hashtags each of TagQuery's Any, All and None may name;
// the rest are ignored, as Mastodon ignores them, so that one request cannot make the
// database join a status against hundreds of tags.
const MaxExtraTags = 4

// TagQuery names the hashtags of a hashtag timeline, refined the way Mastodon's
// any[], all[] and none[] parameters refine it.
type TagQuery struct {
	Name string   // the timeline's hashtag
	Any  []string // statuses with any of these appear as well as those with Name
	All  []string // statuses must also carry every one of these
	None []string // statuses must carry none of these
}

// Hashtags is Tag refined by the query's Any, All and None. Tag names are compared
// after text.NormalizeTag, like the names statuses are tagged with.
func Hashtags(c *ent.Client, viewerID string, tq TagQuery, o PublicOptions, now time.Time) *ent.StatusQuery {
	anyOf := normalizeTags(tq.Any)
	var q *ent.StatusQuery
	if len(anyOf) == 0 {
		q = Tag(c, viewerID, tq.Name, o, now)
	} else {
		names := append([]string{text.NormalizeTag(tq.Name)}, anyOf...)
		q = Public(c, viewerID, o, now).Where(status.HasTagsWith(tag.NameIn(names...)))
	}
	for _, name := range normalizeTags(tq.All) {
		q = q.Where(status.HasTagsWith(tag.Name(name)))
	}
	if none := normalizeTags(tq.None); len(none) > 0 {
		q = q.Where(status.Not(status.HasTagsWith(tag.NameIn(none...))))
	}
	return q
}

// normalizeTags normalizes names, drops empty and repeated ones, and keeps at most
// MaxExtraTags.
func normalizeTags(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = text.NormalizeTag(strings.TrimSpace(n))
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
		if len(out) == MaxExtraTags {
			break
		}
	}
	return out
}
