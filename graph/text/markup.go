package text

import (
	"html"
	"io"
	"regexp"
	"unicode/utf8"
)

// The markup below is what Mastodon emits, so that clients which style or
// rewrite mentions, hashtags and shortened links recognise ours.

// writeMention writes a linked mention. Remote mentions show only the
// username, as in Mastodon; the link carries the full address.
func writeMention(w io.StringWriter, href, username string) {
	_, _ = w.WriteString(`<span class="h-card"><a href="` + html.EscapeString(href) +
		`" class="u-url mention">@<span>` + html.EscapeString(username) + `</span></a></span>`)
}

// writeHashtag writes a linked hashtag, its name shown as written.
func writeHashtag(w io.StringWriter, href, name string) {
	_, _ = w.WriteString(`<a href="` + html.EscapeString(href) +
		`" class="mention hashtag" rel="tag">#<span>` + html.EscapeString(name) + `</span></a>`)
}

// displayedURLRunes is how much of a URL, after its scheme, Mastodon shows
// before cutting it off with an ellipsis.
const displayedURLRunes = 30

var urlPrefix = regexp.MustCompile(`^(?i)https?://(?:www\.)?`)

// writeURL writes a link whose label is a URL. As in Mastodon, the scheme
// (and "www.") sit in an invisible span and a long rest is split into a
// visible part marked "ellipsis" and an invisible tail, so copying the text
// still yields the whole URL.
func writeURL(w io.StringWriter, href, label string) {
	_, _ = w.WriteString(`<a href="` + html.EscapeString(href) + `">`)
	prefix := urlPrefix.FindString(label)
	if prefix != "" {
		_, _ = w.WriteString(`<span class="invisible">` + html.EscapeString(prefix) + `</span>`)
	}
	rest := label[len(prefix):]
	if utf8.RuneCountInString(rest) <= displayedURLRunes {
		_, _ = w.WriteString(html.EscapeString(rest))
	} else {
		cut := 0
		for range displayedURLRunes {
			_, size := utf8.DecodeRuneInString(rest[cut:])
			cut += size
		}
		_, _ = w.WriteString(`<span class="ellipsis">` + html.EscapeString(rest[:cut]) +
			`</span><span class="invisible">` + html.EscapeString(rest[cut:]) + `</span>`)
	}
	_, _ = w.WriteString(`</a>`)
}
