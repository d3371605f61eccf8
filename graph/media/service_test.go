package media_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

type rig struct {
	t       *testing.T
	ctx     context.Context
	db      *store.DB
	storage media.LocalStorage
	svc     *media.Service
	alice   *ent.Account
}

func newRig(t *testing.T, db *store.DB, lim media.Limits) *rig {
	storage := media.LocalStorage{Root: t.TempDir()}
	svc := media.New(db, storage, lim)
	t.Cleanup(svc.Close)
	return &rig{t: t, ctx: context.Background(), db: db, storage: storage, svc: svc,
		alice: testrig.LocalAccount(t, db, "alice")}
}

// keys lists every stored file.
func (r *rig) keys() []string {
	r.t.Helper()
	var out []string
	err := r.storage.Walk(r.ctx, func(key string, _ time.Time) error {
		out = append(out, key)
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func (r *rig) read(key string) []byte {
	r.t.Helper()
	f, err := r.storage.Open(r.ctx, key)
	if err != nil {
		r.t.Fatalf("open %s: %v", key, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

func (r *rig) upload(data []byte, desc string) (*ent.MediaAttachment, error) {
	m, err := r.svc.Upload(r.ctx, media.NewUpload{AccountID: r.alice.ID, File: bytes.NewReader(data), Description: desc, Wait: true})
	if err != nil {
		return nil, err
	}
	return r.svc.Wait(r.ctx, m.ID)
}

func TestUploadStoresEveryFormatProcessed(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		for _, tc := range []struct {
			name          string
			data          []byte
			typ           mediaattachment.Type
			mime          string
			width, height int
			preview       bool
		}{
			{"jpeg", mediatest.JPEG(1600, 1200, 6), mediaattachment.TypeIMAGE, "image/jpeg", 1200, 1600, true},
			{"png", mediatest.PNG(640, 480, true), mediaattachment.TypeIMAGE, "image/png", 640, 480, true},
			{"gif", mediatest.GIF(320, 240, 3), mediaattachment.TypeIMAGE, "image/gif", 320, 240, true},
			{"webp", mediatest.WebP(256, 128), mediaattachment.TypeIMAGE, "image/webp", 256, 128, true},
			{"mp4", mediatest.MP4(), mediaattachment.TypeVIDEO, "video/mp4", 640, 360, false},
			{"mp3", mediatest.MP3(), mediaattachment.TypeAUDIO, "audio/mpeg", 0, 0, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r.t = t
				m, err := r.upload(tc.data, "a "+tc.name)
				if err != nil {
					t.Fatalf("upload: %v", err)
				}
				if m.Processing != mediaattachment.ProcessingPROCESSED || m.Type != tc.typ || m.ContentType != tc.mime {
					t.Fatalf("stored %s %s %s", m.Processing, m.Type, m.ContentType)
				}
				if m.Meta.Width != tc.width || m.Meta.Height != tc.height {
					t.Errorf("meta %dx%d, want %dx%d", m.Meta.Width, m.Meta.Height, tc.width, tc.height)
				}
				stored := r.read(m.FilePath)
				if int64(len(stored)) != m.FileSize {
					t.Errorf("file_size %d, stored %d bytes", m.FileSize, len(stored))
				}
				if !strings.HasPrefix(m.FilePath, r.alice.ID+"/attachment/original/"+m.ID) {
					t.Errorf("file path %q", m.FilePath)
				}
				if !tc.preview {
					if !bytes.Equal(stored, tc.data) {
						t.Error("video and audio are stored as uploaded")
					}
					if tc.typ == mediaattachment.TypeVIDEO && m.Meta.Duration != 12.5 {
						t.Errorf("video duration %v, want 12.5 from its mvhd", m.Meta.Duration)
					}
					return
				}
				assertNoMetadata(t, stored)
				assertNoMetadata(t, r.read(m.PreviewPath))
				if m.Blurhash == "" || m.Meta.PreviewWidth == 0 || max(m.Meta.PreviewWidth, m.Meta.PreviewHeight) > 512 {
					t.Errorf("blurhash %q, preview %dx%d", m.Blurhash, m.Meta.PreviewWidth, m.Meta.PreviewHeight)
				}
				if m.Description != "a "+tc.name {
					t.Errorf("description %q", m.Description)
				}
			})
		}
		r.t = t
		for _, k := range r.keys() {
			if strings.HasPrefix(k, "pending/") {
				t.Errorf("raw upload %s left behind", k)
			}
		}
	})
}

func TestRefusedUploadsLeaveNothingStored(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{ImageMaxBytes: 200 << 10, VideoMaxBytes: 1 << 10, DescriptionMaxChars: 20})
		big := mediatest.NoisyPNG(300, 300) // 350 KiB
		if len(big) < 200<<10 {
			t.Fatalf("test image only %d bytes", len(big))
		}
		for _, tc := range []struct {
			name, desc string
			data       []byte
			cause      error  // nil: any bad input
			message    string // part of the error the user sees
		}{
			{"html named .png", "", mediatest.HTML(), media.ErrUnsupported, "text/html"},
			{"svg", "", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), media.ErrUnsupported, "not an accepted type"},
			{"oversized image", "", big, media.ErrTooLarge, "larger than 200 KiB"},
			{"oversized video", "", append(mediatest.MP4(), make([]byte, 2<<10)...), media.ErrTooLarge, "larger than 1.0 KiB"},
			{"decompression bomb", "", mediatest.PNGBomb(60000, 60000), media.ErrTooManyPixel, "60000x60000"},
			{"gif bomb", "", mediatest.GIFBomb(400, 400, 2000), media.ErrTooManyPixel, "2000 frames"},
			{"empty file", "", nil, media.ErrEmpty, "empty"},
			{"truncated jpeg", "", mediatest.JPEG(300, 300, 0)[:600], media.ErrCorrupt, "could not"},
			{"long description", strings.Repeat("é", 21), mediatest.JPEG(10, 10, 0), nil, "longer than the 20 allowed"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := r.upload(tc.data, tc.desc)
				if !apperr.Is(err, apperr.BadInput) {
					t.Fatalf("err = %v, want BAD_USER_INPUT", err)
				}
				if tc.cause != nil && !errors.Is(err, tc.cause) {
					t.Errorf("err = %v, want %v", err, tc.cause)
				}
				if msg := apperr.As(err).Message; !strings.Contains(msg, tc.message) {
					t.Errorf("message %q does not say %q", msg, tc.message)
				}
			})
		}
		r.t = t
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 0 {
			t.Errorf("%d attachments stored", n)
		}
		if keys := r.keys(); len(keys) != 0 {
			t.Errorf("files left behind: %v", keys)
		}
	})
}

func TestUploadIsProcessedInTheBackground(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		m, err := r.svc.Upload(r.ctx, media.NewUpload{AccountID: r.alice.ID, File: bytes.NewReader(mediatest.JPEG(800, 600, 0))})
		if err != nil {
			t.Fatal(err)
		}
		if m.Processing != mediaattachment.ProcessingPENDING {
			t.Fatalf("upload answered %s", m.Processing)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			m, err = db.MediaAttachment.Get(r.ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if m.Processing == mediaattachment.ProcessingPROCESSED {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("still %s after 10s", m.Processing)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if m.Meta.Width != 800 || m.FilePath == "" {
			t.Errorf("processed without its file: %+v", m)
		}
	})
}

func TestUpdateDescriptionAndFocus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{DescriptionMaxChars: 10})
		bob := testrig.LocalAccount(t, db, "bob")
		m, err := r.upload(mediatest.JPEG(20, 20, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		desc := "a cat"
		m, err = r.svc.Update(r.ctx, r.alice.ID, m.ID, media.Changes{Description: &desc, Focus: &media.Focus{X: -0.5, Y: 1}})
		if err != nil {
			t.Fatal(err)
		}
		if m.Description != "a cat" || m.FocusX != -0.5 || m.FocusY != 1 {
			t.Errorf("updated to %q (%v,%v)", m.Description, m.FocusX, m.FocusY)
		}
		long := "a very long description"
		for name, tc := range map[string]struct {
			account string
			c       media.Changes
			code    apperr.Code
		}{
			"someone else's":    {bob.ID, media.Changes{Description: &desc}, apperr.NotFound},
			"focus off limits":  {r.alice.ID, media.Changes{Focus: &media.Focus{X: 1.5}}, apperr.BadInput},
			"alt text too long": {r.alice.ID, media.Changes{Description: &long}, apperr.BadInput},
		} {
			if _, err := r.svc.Update(r.ctx, tc.account, m.ID, tc.c); !apperr.Is(err, tc.code) {
				t.Errorf("%s: err = %v, want %s", name, err, tc.code)
			}
		}
	})
}

func TestHandlerServesFiles(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		m, err := r.upload(mediatest.JPEG(300, 200, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		pending, err := r.svc.Upload(r.ctx, media.NewUpload{AccountID: r.alice.ID, File: bytes.NewReader(mediatest.JPEG(30, 20, 3))})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(http.StripPrefix("", media.Handler(r.storage)))
		defer srv.Close()
		get := func(path string, header ...string) *http.Response {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		res := get(media.Path + m.FilePath)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/jpeg" ||
			res.Header.Get("ETag") == "" || !strings.Contains(res.Header.Get("Cache-Control"), "max-age=") ||
			res.ContentLength != m.FileSize || res.Header.Get("Accept-Ranges") != "bytes" {
			t.Errorf("GET original: %d %v", res.StatusCode, res.Header)
		}
		if res := get(media.Path+m.FilePath, "If-None-Match", res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
			t.Errorf("conditional GET: %d, want 304", res.StatusCode)
		}
		res = get(media.Path+m.FilePath, "Range", "bytes=10-19")
		if res.StatusCode != http.StatusPartialContent || res.ContentLength != 10 ||
			res.Header.Get("Content-Range") != "bytes 10-19/"+itoa(m.FileSize) {
			t.Errorf("range GET: %d %v", res.StatusCode, res.Header)
		}
		if res := get(media.Path + m.PreviewPath); res.StatusCode != 200 {
			t.Errorf("GET preview: %d", res.StatusCode)
		}
		for _, p := range []string{
			"pending/" + pending.ID, // a raw upload, metadata and all
			"../../etc/passwd",      // out of the root
			r.alice.ID + "/attachment/original/nosuch.jpg",
			r.alice.ID + "/attachment/original/" + m.ID + ".html",
		} {
			if res := get(media.Path + p); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
