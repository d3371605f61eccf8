package statuses

import (
	"time"

	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/mastoapi/enums"
	"github.com/fedigraph/fedigraph/mastoapi/params"
)

// readDraft reads what both posting and editing take: status (the text),
// spoiler_text, sensitive, language, media_ids[], the poll, and GoToSocial's
// content_type. Limits and defaults are the posting service's to apply.
func readDraft(v params.Values) (posting.Draft, error) {
	d := posting.Draft{
		Text:        v.Get("status"),
		SpoilerText: v.Get("spoiler_text"),
		Sensitive:   v.Bool("sensitive"),
		Language:    v.Get("language"),
		MediaIDs:    v.IDs("media_ids"),
	}
	var err error
	if d.ContentType, err = enums.TextType(v.Get("content_type")); err != nil {
		return d, err
	}
	poll := v.Sub("poll")
	if options := poll.Strings("options"); len(options) > 0 {
		seconds, err := poll.Int("expires_in")
		if err != nil {
			return d, err
		}
		d.Poll = &posting.PollDraft{
			Options:    options,
			Multiple:   poll.True("multiple"),
			HideTotals: poll.True("hide_totals"),
		}
		if seconds != nil {
			d.Poll.ExpiresIn = time.Duration(*seconds) * time.Second
		}
	}
	return d, nil
}
