package ingest

import (
	"context"
	"fmt"
	"regexp"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/customemoji"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/store"
)

// shortcodePattern is what Mastodon accepts as a custom emoji's shortcode.
var shortcodePattern = regexp.MustCompile(`^[a-zA-Z0-9_]{1,100}$`)

// upsertEmojis stores the custom emojis a remote profile or status uses, under the
// sender's domain (so that no server can replace another's emojis), and returns their
// IDs. A changed image replaces the stored one's URL; fetching the file is the media
// worker's part.
func upsertEmojis(ctx context.Context, tx *store.Tx, domain string, emojis []ap.Emoji) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, e := range emojis {
		if len(out) >= maxEmojis {
			break
		}
		if !shortcodePattern.MatchString(e.Shortcode) || !isHTTPURL(e.IconURL) || seen[e.Shortcode] {
			continue
		}
		seen[e.Shortcode] = true
		row, err := tx.CustomEmoji.Query().
			Where(customemoji.Shortcode(e.Shortcode), customemoji.Domain(domain)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			row, err = tx.CustomEmoji.Create().SetShortcode(e.Shortcode).SetDomain(domain).
				SetURI(e.ID).SetImageRemoteURL(e.IconURL).SetContentType(e.MediaType).
				SetVisibleInPicker(false).Save(ctx)
			if err != nil {
				return nil, fmt.Errorf("record emoji :%s:: %w", e.Shortcode, err)
			}
		case err != nil:
			return nil, fmt.Errorf("load emoji :%s:: %w", e.Shortcode, err)
		case row.ImageRemoteURL != e.IconURL:
			row, err = tx.CustomEmoji.UpdateOne(row).SetURI(e.ID).SetImageRemoteURL(e.IconURL).
				SetContentType(e.MediaType).SetImagePath("").SetStaticPath("").Save(ctx)
			if err != nil {
				return nil, fmt.Errorf("update emoji :%s:: %w", e.Shortcode, err)
			}
		}
		out = append(out, row.ID)
	}
	return out, nil
}
