package text

import (
	"fmt"
	"strings"
)

// ContentType is the format a status source is written in. The values are
// the MIME types that the Mastodon API and GoToSocial use for them.
type ContentType string

const (
	// Plain is plain text: paragraphs, line breaks, links, mentions, hashtags.
	Plain ContentType = "text/plain"
	// Markdown is CommonMark with autolinked URLs and ~~strikethrough~~.
	Markdown ContentType = "text/markdown"
)

// ParseContentType reads a content type as a client sends it. An empty
// string means [Plain], because that is what clients that know nothing of
// content types expect. Parameters such as "; charset=utf-8" are ignored.
func ParseContentType(s string) (ContentType, error) {
	mime, _, _ := strings.Cut(s, ";")
	switch ContentType(strings.ToLower(strings.TrimSpace(mime))) {
	case "", Plain:
		return Plain, nil
	case Markdown:
		return Markdown, nil
	}
	return "", fmt.Errorf("content type %q: want %s or %s", s, Plain, Markdown)
}
