package text

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"empty", "", ""},
		{"paragraphs", "<p>a</p><p>b</p>", "a\n\nb"},
		{"line breaks", "<p>a<br>b<br/>c</p>", "a\nb\nc"},
		{"entities decoded", "<p>&lt;b&gt; &amp; &#39;x&#39; &quot;y&quot; &eacute;</p>", `<b> & 'x' "y" é`},
		{"mention shows as written in HTML",
			`<p><span class="h-card"><a href="https://m.test/@bob" class="u-url mention">@<span>bob</span></a></span> hi</p>`,
			"@bob hi"},
		{"shortened link comes back whole",
			`<p><a href="https://example.com/abcdefghijklmnopqrstuvwxyz0123456789"><span class="invisible">https://</span>` +
				`<span class="ellipsis">example.com/abcdefghijklmnopqr</span><span class="invisible">stuvwxyz0123456789</span></a></p>`,
			"https://example.com/abcdefghijklmnopqrstuvwxyz0123456789"},
		{"source newlines between blocks are ignored", "<p>a</p>\n<p>b\nc</p>\n", "a\n\nb c"},
		{"lists", "<p>intro</p><ul><li>a</li><li>b</li></ul><p>end</p>", "intro\n\na\nb\n\nend"},
		{"preformatted keeps its lines", "<pre><code>x\n  y\n</code></pre><p>z</p>", "x\n  y\n\nz"},
		{"unclosed tags", "<p>unclosed <b>bold", "unclosed bold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.html); got != tt.want {
				t.Errorf("PlainText(%q) = %q, want %q", tt.html, got, tt.want)
			}
		})
	}
}

// A plain-text status, formatted and turned back into text, reads as it was
// written, so notifications and search see what the author typed.
func TestPlainTextRoundTrip(t *testing.T) {
	sources := []string{
		"Hello <world> & \"friends\" it's\n\nSecond paragraph\nwith a break",
		"Links: https://example.com/a/very/long/path/that/is/cut/off?q=1&r=2 and (https://en.wikipedia.org/wiki/Go_(language)).",
		"@alice #Tag #日本語 @nobody #2024",
		"tabs\tand  double  spaces",
	}
	for _, src := range sources {
		res, err := Format(src, Plain, &fakeLinker{})
		if err != nil {
			t.Fatal(err)
		}
		if got := PlainText(res.HTML); got != src {
			t.Errorf("round trip of %q gave %q (HTML %s)", src, got, res.HTML)
		}
	}
}

// Remote mentions show only "@user", as Mastodon displays them, so their
// domain does not survive the round trip.
func TestPlainTextRemoteMentionShowsUsername(t *testing.T) {
	res, err := Format("hi @bob@example.com", Plain, &fakeLinker{})
	if err != nil {
		t.Fatal(err)
	}
	if got := PlainText(res.HTML); got != "hi @bob" {
		t.Errorf("PlainText = %q, want %q", got, "hi @bob")
	}
}

func TestPlainTextOfMarkdown(t *testing.T) {
	res, err := Format("# Title\n\nSome *em* text\nnext line\n\n- one\n- two\n\n```\ncode\n  indented\n```\n\nend", Markdown, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "Title\n\nSome em text\nnext line\n\none\ntwo\n\ncode\n  indented\n\nend"
	if got := PlainText(res.HTML); got != want {
		t.Errorf("PlainText = %q, want %q\nHTML: %s", got, want, res.HTML)
	}
}
