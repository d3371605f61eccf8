package media_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/federation/transport"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// remoteServer plays another server's file host on loopback.
func remoteServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	photo := mediatest.JPEG(1200, 900, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/photo.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(photo)
		case "/page.png":
			w.Header().Set("Content-Type", "image/png") // a lie: it is a web page
			w.Write(mediatest.HTML())
		case "/bomb.png":
			w.Write(mediatest.PNGBomb(50000, 50000))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

func TestRemoteMediaIsCachedOnFirstView(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		r.svc.Remote = transport.New(transport.Config{AllowIPs: loopback}).HTTPClient()
		remote, hits := remoteServer(t)
		bob := testrig.RemoteAccount(t, db, "bob", "remote.example")
		attachment := func(path string) *ent.MediaAttachment {
			// As federation records an attachment it receives.
			return db.MediaAttachment.Create().SetAccountID(bob.ID).SetType(mediaattachment.TypeIMAGE).
				SetRemoteURL(remote.URL + path).SaveX(r.ctx)
		}
		local := httptest.NewServer(r.svc.RemoteHandler())
		defer local.Close()
		noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		get := func(m *ent.MediaAttachment, size string) (*http.Response, []byte) {
			t.Helper()
			u, preview := media.FileURLs("", m, true)
			if size == media.SizeSmall {
				u = preview
			}
			res, err := noRedirects.Get(local.URL + u)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res, b
		}

		m := attachment("/photo.jpg")
		res, body := get(m, media.SizeOriginal)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("first view: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		assertNoMetadata(t, body)
		m = db.MediaAttachment.GetX(r.ctx, m.ID)
		if !m.Cached || m.Meta.Width != 1200 || m.Meta.PreviewWidth != 512 || m.Blurhash == "" {
			t.Errorf("cached row %+v", m)
		}
		stale := *m
		stale.FilePath, stale.PreviewPath, stale.Cached = "", "", false // what a client rendered before caching
		if res, _ := get(&stale, media.SizeSmall); res.StatusCode != 200 || hits.Load() != 1 {
			t.Errorf("preview: %d after %d fetches, want 200 after 1", res.StatusCode, hits.Load())
		}
		// Cached files are linked where they are stored here.
		url, _ := media.FileURLs("https://here.example", m, true)
		if !strings.HasPrefix(url, "https://here.example"+media.Path+bob.ID+"/attachment/original/") {
			t.Errorf("cached URL %s", url)
		}
		// A cached copy that went missing is fetched again.
		r.storage.Delete(r.ctx, m.FilePath)
		if res, _ := get(&stale, media.SizeOriginal); res.StatusCode != 200 || hits.Load() != 2 {
			t.Errorf("after losing the file: %d after %d fetches", res.StatusCode, hits.Load())
		}

		for name, path := range map[string]string{"gone": "/gone.jpg", "html pretending": "/page.png", "bomb": "/bomb.png"} {
			m := attachment(path)
			res, _ := get(m, media.SizeOriginal)
			if res.StatusCode != http.StatusFound || res.Header.Get("Location") != remote.URL+path {
				t.Errorf("%s: %d to %q, want a redirect to the remote file", name, res.StatusCode, res.Header.Get("Location"))
			}
			m = db.MediaAttachment.GetX(r.ctx, m.ID)
			if m.Cached || m.FilePath != "" || m.Processing != mediaattachment.ProcessingFAILED {
				t.Errorf("%s: row %+v", name, m)
			}
			if url, _ := media.FileURLs("", m, true); url != remote.URL+path {
				t.Errorf("%s: failed media should link the remote file, got %s", name, url)
			}
		}
		for _, k := range r.keys() {
			if !strings.Contains(k, stale.ID) {
				t.Errorf("unexpected stored file %s", k)
			}
		}
	})
}

// TestRemoteMediaGoesThroughTheSSRFGuard: with the federation client's default guard,
// a remote URL on a private or loopback address is never fetched.
func TestRemoteMediaGoesThroughTheSSRFGuard(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		r.svc.Remote = transport.New(transport.Config{}).HTTPClient()
		remote, hits := remoteServer(t)
		bob := testrig.RemoteAccount(t, db, "bob", "remote.example")
		m := db.MediaAttachment.Create().SetAccountID(bob.ID).SetRemoteURL(remote.URL + "/photo.jpg").SaveX(r.ctx)
		if err := r.svc.CacheRemote(r.ctx, m.ID); err == nil {
			t.Fatal("a loopback URL was fetched")
		}
		if hits.Load() != 0 || len(r.keys()) != 0 {
			t.Errorf("%d requests reached the server; stored %v", hits.Load(), r.keys())
		}
	})
}

func TestRemoteEmojiIsCachedOnFirstView(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db, media.Limits{})
		r.svc.Remote = transport.New(transport.Config{AllowIPs: loopback}).HTTPClient()
		var hits atomic.Int32
		remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			hits.Add(1)
			if req.URL.Path == "/blob.gif" {
				w.Write(mediatest.GIF(300, 300, 3)) // too large for an emoji: fitted, one frame
				return
			}
			w.Write(mediatest.HTML())
		}))
		defer remote.Close()
		// As federation records the emoji of a remote status.
		e := db.CustomEmoji.Create().SetShortcode("blob").SetDomain("remote.example").
			SetImageRemoteURL(remote.URL + "/blob.gif").SaveX(r.ctx)
		bad := db.CustomEmoji.Create().SetShortcode("page").SetDomain("remote.example").
			SetImageRemoteURL(remote.URL + "/page.png").SaveX(r.ctx)
		local := httptest.NewServer(r.svc.RemoteHandler())
		defer local.Close()
		noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

		url, static := media.EmojiURLs(local.URL, e, true)
		for _, u := range []string{url, static, url} {
			res, err := noRedirects.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/") {
				t.Fatalf("GET %s: %d %s", u, res.StatusCode, res.Header.Get("Content-Type"))
			}
			if got := decodedSize(t, b); got.X != media.EmojiSize {
				t.Errorf("cached emoji %v, want fitted within %d", got, media.EmojiSize)
			}
		}
		if hits.Load() != 1 {
			t.Errorf("the remote image was fetched %d times", hits.Load())
		}
		e = db.CustomEmoji.GetX(r.ctx, e.ID)
		if url, _ := media.EmojiURLs("https://here.example", e, true); !strings.HasPrefix(url, "https://here.example"+media.Path+"emoji/original/") {
			t.Errorf("cached emoji URL %s", url)
		}

		url, _ = media.EmojiURLs(local.URL, bad, true)
		res, err := noRedirects.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != bad.ImageRemoteURL {
			t.Errorf("refused emoji: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		bad = db.CustomEmoji.GetX(r.ctx, bad.ID)
		if url, _ := media.EmojiURLs(local.URL, bad, true); url != bad.ImageRemoteURL {
			t.Errorf("an emoji that cannot be cached should link its server, got %s", url)
		}
	})
}
