package text

import "testing"

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"Mastodon mention markup survives",
			`<p><span class="h-card" translate="no"><a href="https://m.test/@bob" class="u-url mention">@<span>bob</span></a></span></p>`,
			`<p><span class="h-card"><a href="https://m.test/@bob" class="u-url mention"` + ext + `>@<span>bob</span></a></span></p>`},
		{"scripts, styles and handlers go",
			`<p style="color:red" onclick="x()">hi<script>alert(1)</script><style>p{}</style></p>`,
			`<p>hi</p>`},
		{"unknown elements lose their tags, keep their text",
			`<h1>Title</h1><div><img src="https://x.test/a.png">body</div><table><tr><td>cell</td></tr></table>`,
			`Titlebodycell`},
		{"javascript and relative hrefs go, with the link",
			`<a href="javascript:alert(1)">a</a> <a href="JaVaScRiPt:alert(1)">b</a> <a href="/x">c</a>`,
			`a b c`},
		{"other schemes from Mastodon's list are kept",
			`<a href="gemini://g.test/">g</a>`,
			`<a href="gemini://g.test/"` + ext + `>g</a>`},
		{"unknown classes go",
			`<span class="invisible evil">x</span><span class="ellipsis">y</span>`,
			`<span>x</span><span class="ellipsis">y</span>`},
		{"rel other than tag is replaced",
			`<a href="https://x.test" rel="me opener" target="_self">x</a>`,
			`<a href="https://x.test"` + ext + `>x</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
