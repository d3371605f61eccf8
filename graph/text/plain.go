package text

import (
	"html"
	"strings"
)

// formatPlain renders plain text as Mastodon does: blocks separated by
// blank lines become paragraphs, other line breaks become <br>, and URLs,
// mentions and hashtags become links. Everything else is escaped.
func formatPlain(src string, l *linking) string {
	var b strings.Builder
	for _, para := range paragraphs(src) {
		b.WriteString("<p>")
		for i, line := range para {
			if i > 0 {
				b.WriteString("<br>")
			}
			writePlainLine(&b, line, l)
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// paragraphs splits src into paragraphs of lines. Lines holding only
// whitespace separate paragraphs, however many there are in a row.
func paragraphs(src string) [][]string {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	var paras [][]string
	var cur []string
	for line := range strings.SplitSeq(src, "\n") {
		if strings.TrimSpace(line) == "" {
			if cur != nil {
				paras = append(paras, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if cur != nil {
		paras = append(paras, cur)
	}
	return paras
}

func writePlainLine(b *strings.Builder, line string, l *linking) {
	for _, seg := range split(line) {
		switch seg.kind {
		case segURL:
			writeURL(b, seg.text, seg.text)
			continue
		case segMention:
			if href, ok := l.mention(seg.mention); ok {
				writeMention(b, href, seg.mention.Username)
				continue
			}
		case segHashtag:
			if href := l.tag(seg.tag); href != "" {
				writeHashtag(b, href, seg.tag)
				continue
			}
		}
		b.WriteString(html.EscapeString(seg.text))
	}
}
