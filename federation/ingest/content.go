package ingest

import (
	"html"
	"slices"
	"strings"
	"time"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/tags"
	"github.com/fedigraph/fedigraph/graph/text"
)

// maxLanguage is the longest language code stored (as posting allows).
const maxLanguage = 16

// content is what a remote post says, in the form fedigraph stores: sanitized HTML,
// a plain-text warning, normalized tags, the attachments and poll within bounds.
type content struct {
	HTML, SpoilerText, Language string
	Sensitive                   bool
	Tags                        []string
	Media                       []ap.Attachment
	Poll                        *ap.Poll
}

func contentOf(n *ap.Note) content {
	c := content{
		HTML:        text.Sanitize(bodyOf(n)),
		SpoilerText: strings.TrimSpace(text.PlainText(text.Sanitize(n.Summary))),
		Language:    cut(n.Language, maxLanguage),
	}
	c.Sensitive = n.Sensitive || c.SpoilerText != ""
	seen := map[string]bool{}
	for _, h := range n.Hashtags {
		if name, ok := tags.Normalize(h); ok && !seen[name] && len(c.Tags) < maxTags {
			seen[name] = true
			c.Tags = append(c.Tags, name)
		}
	}
	for _, a := range n.Attachments {
		if isHTTPURL(a.URL) && len(c.Media) < maxAttachments {
			c.Media = append(c.Media, a)
		}
	}
	if n.Poll != nil && len(n.Poll.Options) > 0 {
		c.Poll = n.Poll
	}
	return c
}

// bodyOf is the HTML to show for a post. Notes and Questions are their content.
// Articles, pages and the media objects Mastodon converts carry a title: it leads the
// content, as a bold first paragraph, or stands with a link to the original when
// there is no content to show.
func bodyOf(n *ap.Note) string {
	if n.Type == "Note" || n.Type == "Question" || strings.TrimSpace(n.Name) == "" {
		return n.Content
	}
	title := "<p><strong>" + html.EscapeString(n.Name) + "</strong></p>"
	if strings.TrimSpace(n.Content) != "" {
		return title + n.Content
	}
	link := firstNonEmpty(n.URL, n.ID)
	return title + `<p><a href="` + html.EscapeString(link) + `">` + html.EscapeString(link) + `</a></p>`
}

// mediaType is the attachment's kind as Mastodon clients know it, from its media
// type or, lacking that, its ActivityStreams type.
func mediaType(a ap.Attachment) mediaattachment.Type {
	mt, _, _ := strings.Cut(strings.ToLower(a.MediaType), "/")
	switch {
	case mt == "image" || (mt == "" && a.Type == "Image"):
		return mediaattachment.TypeIMAGE
	case mt == "video" || (mt == "" && a.Type == "Video"):
		return mediaattachment.TypeVIDEO
	case mt == "audio" || (mt == "" && a.Type == "Audio"):
		return mediaattachment.TypeAUDIO
	}
	return mediaattachment.TypeUNKNOWN
}

func mediaMeta(a ap.Attachment) schema.MediaMeta {
	m := schema.MediaMeta{Width: a.Width, Height: a.Height}
	if a.Width > 0 && a.Height > 0 {
		m.Aspect = float64(a.Width) / float64(a.Height)
	}
	return m
}

// pollOptions and pollCounts split a remote poll into what the Poll row keeps.
func pollOptions(p *ap.Poll) []string {
	out := make([]string, len(p.Options))
	for i, o := range p.Options {
		out[i] = strings.TrimSpace(o.Name)
	}
	return out
}

func pollCounts(p *ap.Poll) []int {
	out := make([]int, len(p.Options))
	for i, o := range p.Options {
		out[i] = o.Votes
	}
	return out
}

// pollVoters is how many accounts voted, when known: the server says so, or, in a
// single-choice poll, each vote is one voter.
func pollVoters(p *ap.Poll) *int {
	if p.VotersCount > 0 {
		n := p.VotersCount
		return &n
	}
	if p.Multiple {
		return nil
	}
	n := 0
	for _, o := range p.Options {
		n += o.Votes
	}
	return &n
}

// pollTimes are when the poll ends and, if it has, when it closed.
func pollTimes(p *ap.Poll, now time.Time) (expires, closed *time.Time) {
	if !p.EndTime.IsZero() {
		t := p.EndTime
		expires = &t
	}
	if p.Closed {
		t := firstTime(p.ClosedAt, p.EndTime, now)
		closed = &t
		if expires == nil {
			expires = &t
		}
	}
	return expires, closed
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func sameInt(a, b *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func equalStrings(a, b []string) bool { return slices.Equal(a, b) }
