package text

import (
	"strings"
	"testing"
)

// fakeLinker knows the accounts alice (local), bob@example.com and
// carol@bücher.example; every hashtag links to local.test/tags/NAME. It
// counts how often each mention is asked about.
type fakeLinker struct {
	asked map[string]int
}

func (f *fakeLinker) MentionURL(m Mention) (string, bool) {
	if f.asked == nil {
		f.asked = make(map[string]int)
	}
	f.asked[m.String()]++
	switch strings.ToLower(m.String()) {
	case "@alice":
		return "https://local.test/@alice", true
	case "@bob@example.com":
		return "https://example.com/@bob", true
	case "@carol@bücher.example":
		return "https://bücher.example/users/carol", true
	}
	return "", false
}

func (f *fakeLinker) TagURL(name string) string { return "https://local.test/tags/" + name }

func TestLinkerAskedOncePerAccount(t *testing.T) {
	l := &fakeLinker{}
	res, err := Format("@alice @Alice @alice @nobody @nobody", Plain, l)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.asked) != 2 || l.asked["@alice"] != 1 || l.asked["@nobody"] != 1 {
		t.Errorf("linker asked %v, want @alice and @nobody once each", l.asked)
	}
	if want := []Mention{{Username: "alice"}}; !equalMentions(res.Mentions, want) {
		t.Errorf("Mentions = %v, want %v", res.Mentions, want)
	}
}

func TestNilLinkerLinksOnlyURLs(t *testing.T) {
	res, err := Format("@alice #tag https://example.com", Plain, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>@alice #tag <a href="https://example.com" rel="nofollow noreferrer noopener" target="_blank">` +
		`<span class="invisible">https://</span>example.com</a></p>`
	if res.HTML != want {
		t.Errorf("HTML =\n%s\nwant\n%s", res.HTML, want)
	}
	if len(res.Mentions) != 0 || len(res.Tags) != 1 || res.Tags[0] != "tag" {
		t.Errorf("Mentions = %v, Tags = %v; want none and [tag]", res.Mentions, res.Tags)
	}
}

func equalMentions(a, b []Mention) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
