package text

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// linkSchemes are the URL schemes a link may use: Mastodon's list. Any
// other href (javascript:, data:, relative paths…) is dropped.
var linkSchemes = []string{
	"http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "xmpp", "magnet", "gemini",
}

// statusClasses matches the class attribute values Mastodon keeps:
// microformats (h-card, u-url…) and its own mention, hashtag, ellipsis and
// invisible classes, space-separated.
var statusClasses = regexp.MustCompile(
	`^(?:(?:h|p|u|dt|e)-[a-z-]+|mention|hashtag|ellipsis|invisible)(?: (?:(?:h|p|u|dt|e)-[a-z-]+|mention|hashtag|ellipsis|invisible))*$`)

// policy is the allow-list every status passes through last, whatever its
// source. Links gain rel="nofollow noreferrer noopener" and
// target="_blank"; rel="tag" on hashtags is kept.
var policy = newPolicy()

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "span", "a", "del", "s", "pre", "code", "em", "strong", "b", "i", "u",
		"ul", "ol", "li", "blockquote", "ruby", "rt", "rp")
	p.AllowAttrs("class").Matching(statusClasses).OnElements("a", "span")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^tag$`)).OnElements("a")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("value").Matching(bluemonday.Integer).OnElements("li")
	p.AllowURLSchemes(linkSchemes...)
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

// Sanitize passes status HTML through the allow-list that [Format] ends
// with. Use it on content that arrives already as HTML, such as statuses
// from remote servers, before storing or showing it.
func Sanitize(statusHTML string) string {
	return policy.Sanitize(statusHTML)
}

// compactBlocks removes the newlines goldmark writes between and inside
// block elements. Browsers ignore them, but clients that turn status HTML
// into text (and [PlainText]) would see blank lines Mastodon never sends.
// Newlines inside <pre> are content and stay.
func compactBlocks(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	pre := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			raw := z.Raw()
			if pre == 0 {
				raw = bytes.Trim(raw, "\n")
			}
			b.Write(raw)
			continue
		case html.StartTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Pre {
				pre++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Pre && pre > 0 {
				pre--
			}
		}
		b.Write(z.Raw())
	}
}
