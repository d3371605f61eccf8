package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"

	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestMediaRoutes checks the wiring: uploads larger than ordinary request bodies,
// stored files, default profile images and the remote media cache behind the router.
func TestMediaRoutes(t *testing.T) {
	cfg := newConfig(t, store.SQLite)
	cfg.Storage.LocalBasePath = t.TempDir()
	cfg.HTTPClient.AllowIPs = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	s := newServer(t, cfg)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	alice := testrig.LocalAccount(t, s.DB(), "alice")
	token := testrig.Token(t, s.DB(), alice, "read write")

	// 1.5 MiB, over the 1 MiB limit of ordinary requests.
	photo := mediatest.NoisyPNG(700, 700)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", "noise.png")
	part.Write(photo)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/media", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		URL        string `json:"url"`
		PreviewURL string `json:"preview_url"`
	}
	json.NewDecoder(res.Body).Decode(&m)
	res.Body.Close()
	if res.StatusCode != 200 || len(photo) < 1<<20 {
		t.Fatalf("upload of %d bytes: %d", len(photo), res.StatusCode)
	}
	for path, ctype := range map[string]string{
		urlPath(t, m.URL):        "image/png",
		urlPath(t, m.PreviewURL): "image/png", // the noise has transparency
		media.DefaultAvatarPath:  "image/png",
		media.DefaultHeaderPath:  "image/png",
	} {
		if rec := get(t, s.Handler(), path); rec.Code != 200 || rec.Header().Get("Content-Type") != ctype {
			t.Errorf("GET %s: %d %s, want 200 %s", path, rec.Code, rec.Header().Get("Content-Type"), ctype)
		}
	}

	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write(mediatest.JPEG(300, 200, 1))
	}))
	defer remote.Close()
	bob := testrig.RemoteAccount(t, s.DB(), "bob", "remote.example")
	rm := s.DB().MediaAttachment.Create().SetAccountID(bob.ID).SetRemoteURL(remote.URL + "/a.jpg").SaveX(context.Background())
	if rec := get(t, s.Handler(), media.RemotePath+rm.ID+"/"+media.SizeSmall); rec.Code != 200 || rec.Header().Get("Content-Type") != "image/jpeg" {
		t.Errorf("remote media through the cache: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func urlPath(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		t.Fatalf("URL %q", raw)
	}
	return u.Path
}
