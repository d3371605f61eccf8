package text

import (
	"slices"
	"testing"
)

// Attribute order and rel/target are the sanitizer's; they are spelled out
// here because clients and federation peers see exactly this.
const (
	ext       = ` rel="nofollow noreferrer noopener" target="_blank"`
	aliceLink = `<span class="h-card"><a href="https://local.test/@alice" class="u-url mention"` + ext + `>@<span>alice</span></a></span>`
	bobLink   = `<span class="h-card"><a href="https://example.com/@bob" class="u-url mention"` + ext + `>@<span>bob</span></a></span>`
)

func TestFormatPlain(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", " \n\n ", ""},
		{"paragraphs and line breaks", "one\ntwo\r\n\r\n\n three", "<p>one<br>two</p><p> three</p>"},
		{"escapes markup", `<script>alert("x")</script> & <b onclick='x'>`,
			`<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b onclick=&#39;x&#39;&gt;</p>`},
		{"markdown is literal", "*not em* `not code`", "<p>*not em* `not code`</p>"},
		{"URL with trailing punctuation",
			"see https://example.com/a?b=1&c=2.",
			`<p>see <a href="https://example.com/a?b=1&amp;c=2"` + ext + `><span class="invisible">https://</span>example.com/a?b=1&amp;c=2</a>.</p>`},
		{"URL in parentheses keeps its own",
			"(https://en.wikipedia.org/wiki/Go_(language))",
			`<p>(<a href="https://en.wikipedia.org/wiki/Go_(language)"` + ext + `><span class="invisible">https://</span>` +
				`<span class="ellipsis">en.wikipedia.org/wiki/Go_(lang</span><span class="invisible">uage)</span></a>)</p>`},
		{"www is hidden with the scheme",
			"http://www.example.com",
			`<p><a href="http://www.example.com"` + ext + `><span class="invisible">http://www.</span>example.com</a></p>`},
		{"no scheme, no link", "example.com and ftp://example.com", "<p>example.com and ftp://example.com</p>"},
		{"local and remote mentions", "@alice, @bob@example.com!", "<p>" + aliceLink + ", " + bobLink + "!</p>"},
		{"unresolved mention stays text", "@nobody@nowhere.test hi", "<p>@nobody@nowhere.test hi</p>"},
		{"IDN mention",
			"@carol@bücher.example",
			`<p><span class="h-card"><a href="https://b%C3%BCcher.example/users/carol" class="u-url mention"` + ext + `>@<span>carol</span></a></span></p>`},
		{"hashtag shown as written, linked normalized",
			"#GoLang",
			`<p><a href="https://local.test/tags/golang" class="mention hashtag" rel="tag nofollow noreferrer noopener" target="_blank">#<span>GoLang</span></a></p>`},
		{"digits-only hashtag stays text", "#1 #2024", "<p>#1 #2024</p>"},
		{"hashtag and mention inside URL stay in the URL",
			"https://x.test/@alice#tag",
			`<p><a href="https://x.test/@alice#tag"` + ext + `><span class="invisible">https://</span>x.test/@alice#tag</a></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Format(tt.src, Plain, &fakeLinker{})
			if err != nil {
				t.Fatal(err)
			}
			if res.HTML != tt.want {
				t.Errorf("HTML =\n%s\nwant\n%s", res.HTML, tt.want)
			}
		})
	}
}

func TestFormatReportsLinkedEntities(t *testing.T) {
	res, err := Format("@nobody @bob@Example.com @alice #B #a #b", Plain, &fakeLinker{})
	if err != nil {
		t.Fatal(err)
	}
	wantMentions := []Mention{{Username: "bob", Domain: "example.com"}, {Username: "alice"}}
	if !equalMentions(res.Mentions, wantMentions) {
		t.Errorf("Mentions = %v, want %v", res.Mentions, wantMentions)
	}
	if want := []string{"b", "a"}; !slices.Equal(res.Tags, want) {
		t.Errorf("Tags = %q, want %q", res.Tags, want)
	}
}

func TestFormatUnknownContentType(t *testing.T) {
	if _, err := Format("hi", "text/html", nil); err == nil {
		t.Error("Format with text/html: want an error")
	}
	res, err := Format("hi", "", nil)
	if err != nil || res.HTML != "<p>hi</p>" {
		t.Errorf("Format with zero content type = %q, %v; want plain text", res.HTML, err)
	}
}
