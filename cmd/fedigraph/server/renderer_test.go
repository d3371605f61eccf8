package server

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// TestFederatedFileURLs: documents sent to other servers point at this instance's
// files for local media and emoji, and at the origin for remote ones.
func TestFederatedFileURLs(t *testing.T) {
	r := renderer(uris.Builder{Protocol: "https", Host: "here.example"})
	local := &ent.MediaAttachment{FilePath: "A/attachment/original/M.jpg", PreviewPath: "A/attachment/small/M.jpg"}
	remote := &ent.MediaAttachment{RemoteURL: "https://there.example/m.jpg", PreviewRemoteURL: "https://there.example/s.jpg",
		FilePath: "B/attachment/original/R.jpg", Cached: true} // cached here, still theirs
	for _, tc := range []struct {
		got, want string
	}{
		{r.MediaURL(local), "https://here.example/media/A/attachment/original/M.jpg"},
		{r.PreviewURL(local), "https://here.example/media/A/attachment/small/M.jpg"},
		{r.MediaURL(remote), "https://there.example/m.jpg"},
		{r.PreviewURL(remote), "https://there.example/s.jpg"},
		{r.EmojiURL(&ent.CustomEmoji{ImagePath: "emoji/original/E.png"}), "https://here.example/media/emoji/original/E.png"},
		{r.EmojiURL(&ent.CustomEmoji{Domain: "there.example", ImageRemoteURL: "https://there.example/e.png"}), "https://there.example/e.png"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
}
