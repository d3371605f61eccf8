package text

import "github.com/rivo/uniseg"

// urlLength is the fixed number of characters any URL counts for, so that
// a link costs the same however long it is (Mastodon's rule).
const urlLength = 23

// Length counts a status source against the character limit the way
// Mastodon does: in user-perceived characters (grapheme clusters, so an
// emoji with modifiers is one), every http(s) URL as 23, and a remote
// mention only as its "@user" part. It ignores the content type, as
// Mastodon does: Markdown syntax counts like any other text.
func Length(src string) int {
	n := 0
	for _, seg := range split(src) {
		switch seg.kind {
		case segURL:
			n += urlLength
		case segMention:
			n += uniseg.GraphemeClusterCount("@" + seg.mention.Username)
		default:
			n += uniseg.GraphemeClusterCount(seg.text)
		}
	}
	return n
}
