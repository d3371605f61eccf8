package text

import (
	"strings"
	"testing"
)

func TestFormatMarkdown(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string // each must appear in the HTML
		notWant []string // none may appear
	}{
		{"emphasis and strikethrough", "*em* **strong** ~~gone~~",
			[]string{"<p><em>em</em> <strong>strong</strong> <del>gone</del></p>"}, nil},
		{"single newline is a line break", "one\ntwo\n\nthree",
			[]string{"<p>one<br>two</p><p>three</p>"}, nil},
		{"code span keeps mentions and tags as text", "`@alice #tag <b>`",
			[]string{"<p><code>@alice #tag &lt;b&gt;</code></p>"}, []string{"mention"}},
		{"code block keeps newlines and text", "```go\n#tag @alice\nx := 1\n```",
			[]string{"<pre><code>#tag @alice\nx := 1\n</code></pre>"}, []string{"mention", "language-"}},
		{"links get rel and target", "[docs](https://example.com/docs)",
			[]string{`<a href="https://example.com/docs"` + ext + `>docs</a>`}, nil},
		{"mentions and tags are not linked inside links", "[@alice #tag](https://example.com)",
			[]string{`>@alice #tag</a>`}, []string{"h-card", "hashtag"}},
		{"mentions and tags outside code are linked", "**@alice** and _#Tag_",
			[]string{"<strong>" + aliceLink + "</strong>", `href="https://local.test/tags/tag" class="mention hashtag"`}, nil},
		{"bare URLs are linked like plain text", "go to https://example.com/x.",
			[]string{`<a href="https://example.com/x"` + ext + `><span class="invisible">https://</span>example.com/x</a>.`}, nil},
		{"remote mention is not an e-mail link", "@bob@example.com and carol@example.com",
			[]string{bobLink + " and carol@example.com"}, []string{"mailto"}},
		{"headings become bold paragraphs", "# Title\n\ntext",
			[]string{"<p><strong>Title</strong></p><p>text</p>"}, []string{"<h1"}},
		{"images become links to the image", "![a cat](https://img.test/cat.png)",
			[]string{`<a href="https://img.test/cat.png"` + ext + `>a cat</a>`}, []string{"<img"}},
		{"lists and quotes", "- a\n- b\n\n> quoted",
			[]string{"<ul><li>a</li><li>b</li></ul><blockquote><p>quoted</p></blockquote>"}, nil},
		{"raw HTML does not pass", `<script>alert(1)</script><img src=x onerror=alert(1)> <a href="https://x.test" onclick="x">y</a> <!-- c -->`,
			nil, []string{"<script", "alert(1)</script", "<img", "onerror", "onclick", "<!--", "raw HTML"}},
		{"HTML block does not pass", "<div style=\"x\">\n<iframe src=\"https://evil.test\"></iframe>\n</div>",
			nil, []string{"<div", "<iframe", "style"}},
		{"javascript link dropped", "[click](javascript:alert(1)) <javascript:alert(2)>",
			[]string{"click"}, []string{"href=\"javascript", "<a"}},
		{"data and relative links dropped", "[a](data:text/html,x) [b](/local/path) [c](//evil.test/x)",
			nil, []string{"<a", "data:"}},
		{"hashtag at line start is not a heading", "#fedi first",
			[]string{`<p><a href="https://local.test/tags/fedi" class="mention hashtag"`}, []string{"<strong>"}},
		{"www and e-mail are not linked, as in plain text", "www.example.com carol@example.com",
			[]string{"<p>www.example.com carol@example.com</p>"}, nil},
		{"escaped text stays escaped", `a < b & "c"`,
			[]string{"<p>a &lt; b &amp; &#34;c&#34;</p>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Format(tt.src, Markdown, &fakeLinker{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.HTML, w) {
					t.Errorf("HTML lacks %s\nHTML: %s", w, res.HTML)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(res.HTML, w) {
					t.Errorf("HTML contains %s\nHTML: %s", w, res.HTML)
				}
			}
		})
	}
}
