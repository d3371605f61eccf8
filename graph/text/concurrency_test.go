package text

import (
	"sync"
	"testing"
)

// The goldmark instance and the sanitizer policy are shared by all calls;
// formatting from many goroutines at once must give every caller its own,
// correct result.
func TestFormatConcurrently(t *testing.T) {
	want, err := Format(typicalStatus, Markdown, &fakeLinker{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := Format(typicalStatus, Markdown, &fakeLinker{})
				if err != nil || got.HTML != want.HTML {
					t.Errorf("concurrent Format = %q, %v; want %q", got.HTML, err, want.HTML)
					return
				}
			}
		})
	}
	wg.Wait()
}
