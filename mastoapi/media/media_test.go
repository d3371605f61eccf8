package media_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// attachment is the MediaAttachment entity as a client reads it.
type attachment struct {
	ID          string  `json:"id"`
	Type        string  `json:"type"`
	URL         *string `json:"url"`
	PreviewURL  *string `json:"preview_url"`
	RemoteURL   *string `json:"remote_url"`
	Description *string `json:"description"`
	Blurhash    *string `json:"blurhash"`
	Meta        struct {
		Original *dims `json:"original"`
		Small    *dims `json:"small"`
		Focus    *struct {
			X, Y float64
		} `json:"focus"`
	} `json:"meta"`
}

type dims struct {
	Width, Height int
	Size          string
	Aspect        float64
}

func upload(name string, data []byte, fields ...string) mastotest.Multipart {
	m := mastotest.Multipart{Fields: url.Values{}, Files: map[string]mastotest.File{"file": {Name: name, Data: data}}}
	for i := 0; i+1 < len(fields); i += 2 {
		m.Fields.Set(fields[i], fields[i+1])
	}
	return m
}

// fetch GETs a file URL from the test server, which serves it at the URL's path.
func fetch(t *testing.T, s *mastotest.Server, fileURL string) (*http.Response, []byte) {
	t.Helper()
	u, err := url.Parse(fileURL)
	if err != nil || u.Host != testrig.TestHost {
		t.Fatalf("file URL %q", fileURL)
	}
	res, err := http.Get(s.URL + u.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

func TestUploadV1AnswersProcessed(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		var m attachment
		s.Post("/api/v1/media", alice.Token, upload("IMG_0001.jpg", mediatest.JPEG(2000, 1000, 6),
			"description", "a red block", "focus", "0.25,-0.5")).OK(&m)
		if m.Type != "image" || m.URL == nil || m.PreviewURL == nil || m.RemoteURL != nil ||
			m.Description == nil || *m.Description != "a red block" || m.Blurhash == nil {
			t.Fatalf("attachment %+v", m)
		}
		if o := m.Meta.Original; o == nil || o.Width != 1000 || o.Height != 2000 || o.Size != "1000x2000" || o.Aspect != 0.5 {
			t.Errorf("meta.original %+v", o)
		}
		if sm := m.Meta.Small; sm == nil || sm.Width != 256 || sm.Height != 512 {
			t.Errorf("meta.small %+v", sm)
		}
		if f := m.Meta.Focus; f == nil || f.X != 0.25 || f.Y != -0.5 {
			t.Errorf("meta.focus %+v", f)
		}
		res, body := fetch(t, s, *m.URL)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/jpeg" ||
			bytes.Contains(body, []byte("Exif")) || bytes.Contains(body, []byte(mediatest.Secret)) {
			t.Errorf("served original: %d %s, %d bytes", res.StatusCode, res.Header.Get("Content-Type"), len(body))
		}
		if res, _ := fetch(t, s, *m.PreviewURL); res.StatusCode != 200 {
			t.Errorf("served preview: %d", res.StatusCode)
		}

		// Attach it to a status.
		var st struct {
			MediaAttachments []attachment `json:"media_attachments"`
		}
		s.Post("/api/v1/statuses", alice.Token, mastotest.Form{"status": {"look"}, "media_ids[]": {m.ID}}).OK(&st)
		if len(st.MediaAttachments) != 1 || st.MediaAttachments[0].ID != m.ID || *st.MediaAttachments[0].URL != *m.URL {
			t.Errorf("status media %+v", st.MediaAttachments)
		}
		s.Delete("/api/v1/media/"+m.ID, alice.Token, nil).ErrorIs(http.StatusUnprocessableEntity, "Media attachment is currently used by a status")
	})
}

func TestUploadV2IsProcessedAsynchronously(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		var m attachment
		s.Post("/api/v2/media", alice.Token, upload("clip.png", mediatest.PNG(900, 300, false))).Want(http.StatusAccepted, &m)
		if m.URL != nil || m.Type != "image" {
			t.Errorf("202 answer %+v", m)
		}
		// A status cannot take it until it is processed… unless processing won the race.
		deadline := time.Now().Add(10 * time.Second)
		for {
			r := s.Get("/api/v1/media/"+m.ID, alice.Token)
			if r.Status == http.StatusOK {
				r.OK(&m)
				break
			}
			if r.Status != http.StatusPartialContent || time.Now().After(deadline) {
				t.Fatalf("GET media: %d %s", r.Status, r.Body)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if m.URL == nil || m.Meta.Original == nil || m.Meta.Original.Width != 900 {
			t.Errorf("processed %+v", m)
		}
		var upd attachment
		s.Put("/api/v1/media/"+m.ID, alice.Token, mastotest.Form{"description": {"wide"}, "focus": {"-1,1"}}).OK(&upd)
		if *upd.Description != "wide" || upd.Meta.Focus.X != -1 || upd.Meta.Focus.Y != 1 {
			t.Errorf("updated %+v", upd)
		}
		s.Put("/api/v1/media/"+m.ID, alice.Token, mastotest.Form{"focus": {"2,0"}}).ErrorIs(http.StatusUnprocessableEntity, "")
		bob := s.User("bob")
		s.Get("/api/v1/media/"+m.ID, bob.Token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Delete("/api/v1/media/"+m.ID, alice.Token, nil).OK(nil)
		s.Get("/api/v1/media/"+m.ID, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
	})
}

func TestUploadRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		for _, tc := range []struct {
			name string
			body any
			want string
		}{
			{"html named .png", upload("cat.png", mediatest.HTML()), "text/html"},
			{"decompression bomb", upload("bomb.png", mediatest.PNGBomb(40000, 40000)), "40000x40000"},
			{"gif bomb", upload("bomb.gif", mediatest.GIFBomb(500, 500, 1000)), "frames"},
			{"no file", mastotest.Form{"description": {"nothing"}}, "file must be sent as a file"},
			{"bad focus", upload("a.jpg", mediatest.JPEG(10, 10, 0), "focus", "left"), "focus"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := s.Post("/api/v2/media", alice.Token, tc.body)
				if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), tc.want) {
					t.Errorf("%d %s, want 422 saying %q", r.Status, r.Body, tc.want)
				}
			})
		}
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 0 {
			t.Errorf("%d attachments stored", n)
		}
		reader := s.Token(alice.Account, "read")
		s.Post("/api/v1/media", reader, upload("a.jpg", mediatest.JPEG(10, 10, 0))).ErrorIs(http.StatusForbidden, "")
	})
}

func TestAvatarAndHeaderThroughUpdateCredentials(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		var acc struct {
			DisplayName  string `json:"display_name"`
			Avatar       string `json:"avatar"`
			AvatarStatic string `json:"avatar_static"`
			Header       string `json:"header"`
			HeaderStatic string `json:"header_static"`
		}
		body := mastotest.Multipart{
			Fields: url.Values{"display_name": {"Alice"}},
			Files: map[string]mastotest.File{
				"avatar": {Name: "me.png", Data: mediatest.PNG(800, 600, false)},
				"header": {Name: "banner.jpg", Data: mediatest.JPEG(3000, 1000, 0)},
			},
		}
		s.Call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.Token, body).OK(&acc)
		prefix := mastotest.PublicBase + media.Path + alice.ID
		if acc.DisplayName != "Alice" || !strings.HasPrefix(acc.Avatar, prefix+"/avatar/original/") ||
			!strings.HasPrefix(acc.AvatarStatic, prefix+"/avatar/small/") || !strings.HasPrefix(acc.Header, prefix+"/header/original/") {
			t.Fatalf("account %+v", acc)
		}
		res, body2 := fetch(t, s, acc.Avatar)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || bytes.Contains(body2, []byte(mediatest.Secret)) {
			t.Errorf("avatar served %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		// Everyone else sees it too.
		bob := s.User("bob")
		var seen struct{ Avatar, Header string }
		s.Get("/api/v1/accounts/"+alice.ID, bob.Token).OK(&seen)
		if seen.Avatar != acc.Avatar || seen.Header != acc.Header {
			t.Errorf("bob sees %+v", seen)
		}
		s.Delete("/api/v1/profile/avatar", alice.Token, nil).OK(&acc)
		if acc.Avatar != mastotest.PublicBase+media.DefaultAvatarPath || !strings.HasPrefix(acc.Header, prefix) {
			t.Errorf("after deleting the avatar: %+v", acc)
		}
		s.Call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.Token, mastotest.Multipart{
			Files: map[string]mastotest.File{"avatar": {Name: "me.png", Data: mediatest.HTML()}},
		}).ErrorIs(http.StatusUnprocessableEntity, "")
	})
}

func TestCustomEmojiOnStatusesAndAccounts(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		e, err := s.Resolver.Media.CreateEmoji(context.Background(), media.NewEmoji{Shortcode: "blobcat", Image: bytes.NewReader(mediatest.GIF(40, 40, 2))})
		if err != nil {
			t.Fatal(err)
		}
		type emoji struct {
			Shortcode       string `json:"shortcode"`
			URL             string `json:"url"`
			StaticURL       string `json:"static_url"`
			VisibleInPicker bool   `json:"visible_in_picker"`
		}
		var picker []emoji
		s.Get("/api/v1/custom_emojis", "").OK(&picker)
		want := emoji{"blobcat", mastotest.PublicBase + media.Path + e.ImagePath, mastotest.PublicBase + media.Path + e.StaticPath, true}
		if len(picker) != 1 || picker[0] != want {
			t.Fatalf("custom_emojis %+v, want %+v", picker, want)
		}
		if res, _ := fetch(t, s, picker[0].URL); res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/gif" {
			t.Errorf("emoji image served %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		s.Call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.Token, mastotest.Form{"display_name": {":blobcat: Alice"}}).OK(nil)
		var st struct {
			Emojis  []emoji `json:"emojis"`
			Account struct {
				Emojis []emoji `json:"emojis"`
			} `json:"account"`
		}
		s.Post("/api/v1/statuses", alice.Token, mastotest.Form{"status": {"hi :blobcat:"}}).OK(&st)
		if len(st.Emojis) != 1 || st.Emojis[0] != want || len(st.Account.Emojis) != 1 {
			t.Errorf("status emojis %+v, account emojis %+v", st.Emojis, st.Account.Emojis)
		}
	})
}

// TestDeletedStatusMedia: a deleted status's media stays for a redraft, unless the
// client asks with delete_media (then its files go at once); the rest is pruned.
func TestDeletedStatusMedia(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		post := func() (attachment, string) {
			var m attachment
			s.Post("/api/v1/media", alice.Token, upload("a.png", mediatest.PNG(40, 40, false))).OK(&m)
			var st struct{ ID string }
			s.Post("/api/v1/statuses", alice.Token, mastotest.Form{"status": {"pic"}, "media_ids[]": {m.ID}}).OK(&st)
			return m, st.ID
		}
		kept, st1 := post()
		s.Delete("/api/v1/statuses/"+st1, alice.Token, nil).OK(nil)
		s.Get("/api/v1/media/"+kept.ID, alice.Token).OK(nil)

		gone, st2 := post()
		s.Delete("/api/v1/statuses/"+st2+"?delete_media=true", alice.Token, nil).OK(nil)
		s.Get("/api/v1/media/"+gone.ID, alice.Token).ErrorIs(http.StatusNotFound, "Record not found")
		for _, u := range []*string{gone.URL, gone.PreviewURL} {
			if res, _ := fetch(t, s, *u); res.StatusCode != http.StatusNotFound {
				t.Errorf("file of the deleted media: %d, want 404", res.StatusCode)
			}
		}
		if res, _ := fetch(t, s, *kept.URL); res.StatusCode != http.StatusOK {
			t.Errorf("file kept for redrafting: %d", res.StatusCode)
		}
	})
}

// TestInstanceAdvertisesTheMediaLimits: apps read what to offer from the instance.
func TestInstanceAdvertisesTheMediaLimits(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		var inst struct {
			Configuration struct {
				MediaAttachments struct {
					SupportedMimeTypes []string `json:"supported_mime_types"`
					ImageSizeLimit     int64    `json:"image_size_limit"`
					ImageMatrixLimit   int64    `json:"image_matrix_limit"`
					DescriptionLimit   int      `json:"description_limit"`
				} `json:"media_attachments"`
			} `json:"configuration"`
		}
		s.Get("/api/v2/instance", "").OK(&inst)
		m := inst.Configuration.MediaAttachments
		if m.ImageSizeLimit != media.DefaultImageMaxBytes || m.ImageMatrixLimit != media.DefaultMaxPixels ||
			m.DescriptionLimit != media.DefaultDescriptionMaxChars ||
			!slices.Contains(m.SupportedMimeTypes, "video/mp4") || slices.Contains(m.SupportedMimeTypes, "image/avif") {
			t.Errorf("media configuration %+v", m)
		}
	})
}

func TestVideoWithThumbnail(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice := s.User("alice")
		body := upload("clip.mp4", mediatest.MP4())
		body.Files["thumbnail"] = mastotest.File{Name: "thumb.jpg", Data: mediatest.JPEG(800, 600, 1)}
		var m struct {
			attachment
			Meta struct {
				Original struct {
					Width    int     `json:"width"`
					Duration float64 `json:"duration"`
				} `json:"original"`
				Small *dims `json:"small"`
			} `json:"meta"`
		}
		s.Post("/api/v1/media", alice.Token, body).OK(&m)
		if m.Type != "video" || m.PreviewURL == nil || m.Blurhash == nil || m.Meta.Small == nil ||
			m.Meta.Small.Width != 512 || m.Meta.Original.Width != 640 || m.Meta.Original.Duration != 12.5 {
			t.Fatalf("video %+v", m)
		}
		if res, b := fetch(t, s, *m.PreviewURL); res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/jpeg" ||
			bytes.Contains(b, []byte(mediatest.Secret)) {
			t.Errorf("thumbnail served %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		body = upload("clip.mp4", mediatest.MP4())
		body.Files["thumbnail"] = mastotest.File{Name: "thumb.jpg", Data: mediatest.HTML()}
		s.Post("/api/v2/media", alice.Token, body).ErrorIs(http.StatusUnprocessableEntity, "")
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 1 {
			t.Errorf("%d attachments stored, want the first video only", n)
		}
	})
}
