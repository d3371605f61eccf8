package text

import (
	"regexp"
	"unicode/utf8"

	"mvdan.cc/xurls/v2"
)

// urlFinder finds the URLs that become links in plain text and that
// [Length] counts at a fixed width. Like Mastodon, only URLs written with
// an http or https scheme count: "example.com" stays text. xurls already
// leaves trailing punctuation and unbalanced brackets out of a match.
var urlFinder = mustURLFinder()

func mustURLFinder() *regexp.Regexp {
	re, err := xurls.StrictMatchingScheme(`(?i)https?://`)
	if err != nil {
		panic("text: url pattern: " + err.Error())
	}
	return re
}

// segmentKind says what a piece of source text is.
type segmentKind int

const (
	segText segmentKind = iota
	segURL
	segMention
	segHashtag
)

// segment is a piece of one line of source text.
type segment struct {
	kind    segmentKind
	text    string  // the source text, "@" or "#" included
	mention Mention // for segMention
	tag     string  // for segHashtag: the name as written, without '#'
}

// split cuts s into text, URLs, mentions and hashtags. URLs are found first,
// so a mention or hashtag inside a URL ("https://example.com/@alice",
// "…/page#top") stays part of the URL.
func split(s string) []segment {
	var segs []segment
	urls := urlFinder.FindAllStringIndex(s, -1)
	textStart := 0
	flushText := func(end int) {
		if end > textStart {
			segs = append(segs, segment{kind: segText, text: s[textStart:end]})
		}
	}
	for pos := 0; pos < len(s); {
		limit := len(s)
		if len(urls) > 0 {
			limit = urls[0][0]
		}
		if pos == limit {
			flushText(pos)
			end := urls[0][1]
			segs = append(segs, segment{kind: segURL, text: s[pos:end]})
			pos, textStart, urls = end, end, urls[1:]
			continue
		}
		if c := s[pos]; c == '@' || c == '#' {
			prev, _ := utf8.DecodeLastRuneInString(s[:pos])
			if seg, ok := matchEntity(s[pos:limit], prev); ok {
				flushText(pos)
				segs = append(segs, seg)
				pos += len(seg.text)
				textStart = pos
				continue
			}
		}
		pos++
	}
	flushText(len(s))
	return segs
}

// matchEntity reads a mention or hashtag at the start of s, which begins
// with '@' or '#' and follows the rune prev (utf8.RuneError at the start).
func matchEntity(s string, prev rune) (segment, bool) {
	if s[0] == '@' {
		if !mentionMayFollow(prev) {
			return segment{}, false
		}
		m, n, ok := matchMention(s)
		return segment{kind: segMention, text: s[:n], mention: m}, ok
	}
	if !hashtagMayFollow(prev) {
		return segment{}, false
	}
	name, n, ok := matchHashtag(s)
	return segment{kind: segHashtag, text: s[:n], tag: name}, ok
}
