package text

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PlainText turns status HTML (ours or a remote server's) back into text,
// for notifications, filters and search: paragraphs and other blocks are
// separated by a blank line, list items and <br> by a line break, entities
// are decoded and tags dropped. Text hidden by Mastodon's invisible spans
// is kept, so shortened links come back whole. Outside <pre>, newlines in
// the HTML source are spaces, as a browser shows them.
func PlainText(statusHTML string) string {
	z := html.NewTokenizer(strings.NewReader(statusHTML))
	var b strings.Builder
	owed := "" // separator to write before the next text, if any follows
	pre := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			t := string(z.Text())
			if pre == 0 {
				t = strings.ReplaceAll(t, "\n", " ")
				if owed != "" || b.Len() == 0 || strings.HasSuffix(b.String(), "\n") {
					t = strings.TrimLeft(t, " \t")
				}
			}
			if t == "" {
				continue
			}
			if b.Len() > 0 {
				writeSeparator(&b, owed)
			}
			owed = ""
			b.WriteString(t)
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.Br:
				if tt != html.EndTagToken && b.Len() > 0 {
					writeSeparator(&b, owed)
					b.WriteString("\n")
					owed = ""
				}
			case atom.Li:
				if owed == "" {
					owed = "\n"
				}
			case atom.P, atom.Div, atom.Blockquote, atom.Pre, atom.Ul, atom.Ol,
				atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				owed = "\n\n"
				if a == atom.Pre && tt == html.StartTagToken {
					pre++
				} else if a == atom.Pre && tt == html.EndTagToken && pre > 0 {
					pre--
				}
			}
		}
	}
}

// writeSeparator writes the line breaks of sep that b does not already end
// with: a <pre> block's own last newline counts towards the blank line
// that follows it.
func writeSeparator(b *strings.Builder, sep string) {
	have := len(b.String()) - len(strings.TrimRight(b.String(), "\n"))
	if have < len(sep) {
		b.WriteString(sep[have:])
	}
}
