package text_test

import (
	"fmt"

	"github.com/fedigraph/fedigraph/graph/text"
)

// siteLinker links local accounts and tags to pages on local.example.
type siteLinker struct{}

func (siteLinker) MentionURL(m text.Mention) (string, bool) {
	if m.Domain != "" {
		return "", false // this example knows no remote accounts
	}
	return "https://local.example/@" + m.Username, true
}

func (siteLinker) TagURL(name string) string { return "https://local.example/tags/" + name }

func ExampleFormat() {
	res, err := text.Format("Hi @alice, see **this** #GoLang", text.Markdown, siteLinker{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.HTML)
	fmt.Println(res.Mentions, res.Tags)
	fmt.Println(text.PlainText(res.HTML))
	// Output:
	// <p>Hi <span class="h-card"><a href="https://local.example/@alice" class="u-url mention" rel="nofollow noreferrer noopener" target="_blank">@<span>alice</span></a></span>, see <strong>this</strong> <a href="https://local.example/tags/golang" class="mention hashtag" rel="tag nofollow noreferrer noopener" target="_blank">#<span>GoLang</span></a></p>
	// [@alice] [golang]
	// Hi @alice, see this #GoLang
}
