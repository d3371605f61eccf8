package media_test

import (
	"bytes"
	"image/gif"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestCustomEmoji(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		animated, err := r.svc.CreateEmoji(r.ctx, media.NewEmoji{Shortcode: "blobcat", Category: "blobs", Image: bytes.NewReader(mediatest.GIF(64, 64, 4))})
		if err != nil {
			t.Fatal(err)
		}
		g, err := gif.DecodeAll(bytes.NewReader(r.read(animated.ImagePath)))
		if err != nil || len(g.Image) != 4 || animated.ContentType != "image/gif" {
			t.Errorf("animated emoji stored as %s with %d frames (%v)", animated.ContentType, len(g.Image), err)
		}
		big, err := r.svc.CreateEmoji(r.ctx, media.NewEmoji{Shortcode: "Big_1", Image: bytes.NewReader(mediatest.PNG(500, 250, true))})
		if err != nil {
			t.Fatal(err)
		}
		if got := decodedSize(t, r.read(big.ImagePath)); got.X != 128 || got.Y != 64 {
			t.Errorf("large emoji stored at %v, want 128x64", got)
		}
		assertNoMetadata(t, r.read(big.ImagePath))
		if !strings.HasPrefix(big.StaticPath, "emoji/static/") {
			t.Errorf("static path %q", big.StaticPath)
		}
		for name, tc := range map[string]struct {
			in   media.NewEmoji
			code apperr.Code
		}{
			"taken":          {media.NewEmoji{Shortcode: "blobcat", Image: bytes.NewReader(mediatest.PNG(8, 8, false))}, apperr.Conflict},
			"bad shortcode":  {media.NewEmoji{Shortcode: "no-dashes", Image: bytes.NewReader(mediatest.PNG(8, 8, false))}, apperr.BadInput},
			"not an image":   {media.NewEmoji{Shortcode: "page", Image: bytes.NewReader(mediatest.HTML())}, apperr.BadInput},
			"not even video": {media.NewEmoji{Shortcode: "clip", Image: bytes.NewReader(mediatest.MP4())}, apperr.BadInput},
		} {
			if _, err := r.svc.CreateEmoji(r.ctx, tc.in); !apperr.Is(err, tc.code) {
				t.Errorf("%s: %v, want %s", name, err, tc.code)
			}
		}
		found, err := media.EmojiIn(r.ctx, db.Client, "hello :blobcat: and :nosuch: and :Big_1::blobcat:")
		if err != nil || len(found) != 2 || found[0].Shortcode != "Big_1" || found[1].Shortcode != "blobcat" {
			t.Errorf("EmojiIn = %v, %v", found, err)
		}
		if err := r.svc.DeleteEmoji(r.ctx, "Big_1"); err != nil {
			t.Fatal(err)
		}
		for _, k := range r.keys() {
			if strings.Contains(k, big.ID) {
				t.Errorf("deleted emoji's file %s remains", k)
			}
		}
		if err := r.svc.DeleteEmoji(r.ctx, "Big_1"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("deleting twice: %v", err)
		}
	})
}
