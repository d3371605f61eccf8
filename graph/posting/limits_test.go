package posting

import (
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/apperr"
)

// TestLimitsCheck runs drafts against limits like a small instance's: what a client
// may post is decided here, before anything is written.
func TestLimitsCheck(t *testing.T) {
	limits := Limits{MaxChars: 50, PollMaxOptions: 4, PollOptionMaxChars: 10, MaxMediaFiles: 2}
	poll := func(expiresIn time.Duration, options ...string) *PollDraft {
		return &PollDraft{Options: options, ExpiresIn: expiresIn}
	}
	longURL := "https://example.com/" + strings.Repeat("x", 100)
	cases := []struct {
		name   string
		limits Limits
		draft  Draft
		ok     bool
	}{
		{"plain text", limits, Draft{Text: "hello"}, true},
		{"empty", limits, Draft{}, false},
		{"only spaces", limits, Draft{Text: " \n\t "}, false},
		{"media without text", limits, Draft{MediaIDs: []string{"m1"}}, true},
		{"a poll without text", limits, Draft{Poll: poll(time.Hour, "a", "b")}, true},

		{"at the limit", limits, Draft{Text: strings.Repeat("a", 50)}, true},
		{"one over", limits, Draft{Text: strings.Repeat("a", 51)}, false},
		{"a URL counts 23", limits, Draft{Text: strings.Repeat("a", 26) + " " + longURL}, true},
		{"a URL counts 23, one over", limits, Draft{Text: strings.Repeat("a", 27) + " " + longURL}, false},
		{"the warning counts too", limits, Draft{Text: strings.Repeat("a", 30), SpoilerText: strings.Repeat("b", 21)}, false},
		{"an emoji with a skin tone is one character", limits, Draft{Text: strings.Repeat("👍🏽", 50)}, true},
		{"a remote mention counts its username only", limits,
			Draft{Text: strings.Repeat("a", 45) + " @bob@" + strings.Repeat("d", 40) + ".example"}, true},
		{"no character limit", Limits{MaxMediaFiles: 4}, Draft{Text: strings.Repeat("a", 10000)}, true},

		{"media at the limit", limits, Draft{MediaIDs: []string{"m1", "m2"}}, true},
		{"too many media", limits, Draft{MediaIDs: []string{"m1", "m2", "m3"}}, false},
		{"media turned off", Limits{MaxMediaFiles: 0}, Draft{Text: "hi", MediaIDs: []string{"m1"}}, false},
		{"media and a poll", limits, Draft{MediaIDs: []string{"m1"}, Poll: poll(time.Hour, "a", "b")}, false},

		{"poll with one option", limits, Draft{Poll: poll(time.Hour, "a")}, false},
		{"poll at the option limit", limits, Draft{Poll: poll(time.Hour, "a", "b", "c", "d")}, true},
		{"poll with too many options", limits, Draft{Poll: poll(time.Hour, "a", "b", "c", "d", "e")}, false},
		{"duplicate options", limits, Draft{Poll: poll(time.Hour, "a", "b", "a")}, false},
		{"duplicates once trimmed", limits, Draft{Poll: poll(time.Hour, "a", " a ")}, false},
		{"blank option", limits, Draft{Poll: poll(time.Hour, "a", "  ")}, false},
		{"option at its limit", limits, Draft{Poll: poll(time.Hour, "a", strings.Repeat("o", 10))}, true},
		{"option too long", limits, Draft{Poll: poll(time.Hour, "a", strings.Repeat("o", 11))}, false},
		{"poll shorter than 5 minutes", limits, Draft{Poll: poll(5*time.Minute-time.Second, "a", "b")}, false},
		{"poll of 5 minutes", limits, Draft{Poll: poll(5*time.Minute, "a", "b")}, true},
		{"poll of 31 days", limits, Draft{Poll: poll(31*24*time.Hour, "a", "b")}, true},
		{"poll longer than 31 days", limits, Draft{Poll: poll(31*24*time.Hour+time.Second, "a", "b")}, false},

		{"a language code", limits, Draft{Text: "hi", Language: "zh-Hant-TW"}, true},
		{"not a language code", limits, Draft{Text: "hi", Language: strings.Repeat("x", 17)}, false},
	}
	for _, c := range cases {
		err := c.limits.check(&c.draft)
		switch {
		case c.ok && err != nil:
			t.Errorf("%s: rejected: %v", c.name, err)
		case !c.ok && err == nil:
			t.Errorf("%s: accepted", c.name)
		case !c.ok && !apperr.Is(err, apperr.BadInput):
			t.Errorf("%s: %v, want BAD_USER_INPUT", c.name, err)
		}
	}
}
