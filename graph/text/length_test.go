package text

import (
	"strings"
	"testing"
)

func TestLength(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"empty", "", 0},
		{"ASCII", "hello", 5},
		{"characters, not bytes", "日本語", 3},
		{"combining mark is one character", "e\u0301", 1},
		{"emoji with skin tone is one", "👍🏽", 1},
		{"family emoji is one", "👨‍👩‍👧", 1},
		{"newlines count", "a\nb", 3},
		{"long URL counts 23", "see https://example.com/" + strings.Repeat("x", 100), 4 + 23},
		{"short URL counts 23 too", "http://x.test", 23},
		{"trailing punctuation is not URL", "https://example.com/a.", 23 + 1},
		{"no scheme, no URL", "example.com", 11},
		{"remote mention counts its username", "@alice@example.com", 6},
		{"local mention", "@alice", 6},
		{"e-mail counts whole", "bob@example.com", 15},
		{"hashtags count whole", "#日本語", 4},
		{"markdown syntax counts", "**hi**", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Length(tt.src); got != tt.want {
				t.Errorf("Length(%q) = %d, want %d", tt.src, got, tt.want)
			}
		})
	}
}
