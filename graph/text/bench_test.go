package text

import (
	"strings"
	"testing"
)

// typicalStatus is about 500 characters with the usual mix of text,
// mentions, hashtags and links.
var typicalStatus = strings.Repeat("Hello @alice and @bob@example.com! Read https://example.com/posts/12345?ref=fedi "+
	"about #Fediverse & #OpenSource.\n", 4) + "\nThanks, everyone."

func BenchmarkFormat(b *testing.B) {
	for _, ct := range []ContentType{Plain, Markdown} {
		b.Run(string(ct), func(b *testing.B) {
			l := &fakeLinker{}
			b.SetBytes(int64(len(typicalStatus)))
			for b.Loop() {
				if _, err := Format(typicalStatus, ct, l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
