package text

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		ct       ContentType
		mentions []Mention
		tags     []string
	}{
		{"local mention", "hi @alice!", Plain, []Mention{{Username: "alice"}}, nil},
		{"remote mention, domain lowercased", "@Bob@Example.COM.", Plain,
			[]Mention{{Username: "Bob", Domain: "example.com"}}, nil},
		{"IDN domain", "@carol@bücher.example", Plain,
			[]Mention{{Username: "carol", Domain: "bücher.example"}}, nil},
		{"dots and dashes inside usernames only", "@a.b-c. @-x @_y_", Plain,
			[]Mention{{Username: "a.b-c"}, {Username: "_y_"}}, nil},
		{"e-mail is not a mention", "mail bob@example.com", Plain, nil, nil},
		{"mention in URL path is not a mention", "see example.com/@alice and https://x.test/@bob", Plain, nil, nil},
		{"after punctuation", "(@alice) \"@bob\"", Plain, []Mention{{Username: "alice"}, {Username: "bob"}}, nil},
		{"duplicates once, case-insensitive", "@alice @ALICE @alice@x.test", Plain,
			[]Mention{{Username: "alice"}, {Username: "alice", Domain: "x.test"}}, nil},
		{"hashtags normalized and deduplicated", "#Go #go #ＧＯ #Café", Plain, nil, []string{"go", "café"}},
		{"unicode hashtags", "#日本語 #हिन्दी #نمونه‌ها", Plain, nil, []string{"日本語", "हिन्दी", "نمونه‌ها"}},
		{"digits-only is not a tag", "#2024 #1 #2024wrapped", Plain, nil, []string{"2024wrapped"}},
		{"tag inside word, entity, URL or path is not a tag", "C#dev &#39; a/#b x=#y f(x)#z https://x.test/#frag", Plain, nil, nil},
		{"trailing separator left out", "#foo· #foo·bar", Plain, nil, []string{"foo", "foo·bar"}},
		{"markdown skips code", "`@alice #a`\n\n```\n@bob #b\n```\n\n    @carol #c\n\n#d", Markdown, nil, []string{"d"}},
		{"markdown skips link labels", "[@alice #a](https://x.test) @bob #b", Markdown, []Mention{{Username: "bob"}}, []string{"b"}},
		{"markdown underscores stay in names", "@user_name_ #snake_case_tag", Markdown,
			[]Mention{{Username: "user_name_"}}, []string{"snake_case_tag"}},
		{"markdown emphasis around a tag", "_#Tag_ __#two__ *#three*", Markdown, nil, []string{"tag", "two", "three"}},
		{"markdown backslash escapes", `\@alice \#tag`, Markdown, nil, nil},
		{"plain does not know code", "`@alice`", Plain, []Mention{{Username: "alice"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mentions, tags := Parse(tt.src, tt.ct)
			if !equalMentions(mentions, tt.mentions) {
				t.Errorf("mentions = %v, want %v", mentions, tt.mentions)
			}
			if !slices.Equal(tags, tt.tags) {
				t.Errorf("tags = %q, want %q", tags, tt.tags)
			}
		})
	}
}

func TestNormalizeTag(t *testing.T) {
	tests := map[string]string{
		"#Fediverse": "fediverse",
		"ＦＥＤＩ":       "fedi",
		"Café":       "café",
		"Cafe\u0301": "café", // e + combining acute composes
		"ÉTÉ":        "été",
	}
	for in, want := range tests {
		if got := NormalizeTag(in); got != want {
			t.Errorf("NormalizeTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseContentType(t *testing.T) {
	tests := []struct {
		in      string
		want    ContentType
		wantErr bool
	}{
		{"", Plain, false},
		{"text/plain", Plain, false},
		{"Text/Markdown; charset=utf-8", Markdown, false},
		{"text/html", "", true},
	}
	for _, tt := range tests {
		got, err := ParseContentType(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseContentType(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
