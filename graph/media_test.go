package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// upload sends an operation with one file, as the GraphQL multipart request spec
// says: the operation, a map from part name to variable path, and the file part.
func (s *server) upload(token, query string, vars map[string]any, variable, filename string, file []byte) gqlResponse {
	s.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	w.WriteField("operations", string(ops))
	w.WriteField("map", `{"0": ["variables.`+variable+`"]}`)
	part, _ := w.CreateFormFile("0", filename)
	part.Write(file)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, s.url, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		s.t.Fatalf("decode GraphQL response (status %d): %v", resp.StatusCode, err)
	}
	return out
}

const uploadMedia = `mutation($file: Upload!, $desc: String) {
  uploadMedia(input: {file: $file, description: $desc, focus: {x: 0.5, y: -0.25}}) {
    media { id type contentType processing url previewURL blurhash description focusX focusY
            meta { width height aspect previewWidth previewHeight } }
  }
}`

type mediaJSON struct {
	ID, Type, ContentType, Processing, Blurhash, Description string
	URL, PreviewURL                                          *string
	FocusX, FocusY                                           float64
	Meta                                                     struct {
		Width, Height, PreviewWidth, PreviewHeight int
		Aspect                                     float64
	}
}

func TestUploadMediaAndAttachIt(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		token := testrig.Token(t, db, alice, "read write")

		r := s.upload(token, uploadMedia, map[string]any{"file": nil, "desc": "a red square"}, "file", "photo.jpg", mediatest.JPEG(1024, 768, 6))
		if len(r.Errors) > 0 {
			t.Fatalf("uploadMedia: %+v", r.Errors)
		}
		var up struct{ UploadMedia struct{ Media mediaJSON } }
		json.Unmarshal(r.Data, &up)
		m := up.UploadMedia.Media
		base := "https://" + testrig.TestHost + media.Path + alice.ID + "/attachment/"
		if m.Type != "IMAGE" || m.ContentType != "image/jpeg" || m.Processing != "PROCESSED" || m.Blurhash == "" ||
			m.Description != "a red square" || m.FocusX != 0.5 || m.FocusY != -0.25 {
			t.Errorf("uploaded: %+v", m)
		}
		if m.URL == nil || !strings.HasPrefix(*m.URL, base+"original/"+m.ID) || m.PreviewURL == nil || !strings.HasPrefix(*m.PreviewURL, base+"small/") {
			t.Errorf("urls %v %v", m.URL, m.PreviewURL)
		}
		if m.Meta.Width != 768 || m.Meta.Height != 1024 || m.Meta.PreviewWidth != 384 || m.Meta.PreviewHeight != 512 {
			t.Errorf("meta %+v", m.Meta)
		}

		var upd struct{ UpdateMedia struct{ Media mediaJSON } }
		s.must(token, `mutation($id: ID!) { updateMedia(input: {id: $id, description: "a red block, turned"}) { media { description } } }`,
			map[string]any{"id": m.ID}, &upd)
		if upd.UpdateMedia.Media.Description != "a red block, turned" {
			t.Errorf("updateMedia: %+v", upd)
		}

		var created struct {
			CreateStatus struct{ Status struct{ Media []mediaJSON } }
		}
		s.must(token, `mutation($ids: [ID!]) { createStatus(input: {text: "look", mediaIDs: $ids}) { status { media { id url description } } } }`,
			map[string]any{"ids": []string{m.ID}}, &created)
		if got := created.CreateStatus.Status.Media; len(got) != 1 || got[0].ID != m.ID || got[0].URL == nil {
			t.Errorf("attached: %+v", got)
		}
	})
}

func TestUploadMediaRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		token := testrig.Token(t, db, alice, "read write")
		for _, tc := range []struct {
			name, filename string
			data           []byte
			message        string
		}{
			{"html named .png", "cat.png", mediatest.HTML(), "text/html, which is not an accepted type"},
			{"decompression bomb", "bomb.png", mediatest.PNGBomb(50000, 50000), "50000x50000"},
			{"oversized", "noise.png", mediatest.NoisyPNG(1000, 1000), "larger than"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := s.upload(token, uploadMedia, map[string]any{"file": nil}, "file", tc.filename, tc.data)
				if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, tc.message) {
					t.Errorf("errors %+v, want one saying %q", r.Errors, tc.message)
				}
			})
		}
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 0 {
			t.Errorf("%d attachments stored", n)
		}
		r := s.upload("", uploadMedia, map[string]any{"file": nil}, "file", "a.jpg", mediatest.JPEG(10, 10, 0))
		if r.code() != "UNAUTHENTICATED" {
			t.Errorf("signed out: %+v", r.Errors)
		}
	})
}

func TestUpdateProfileAvatarAndHeader(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		token := testrig.Token(t, db, alice, "read write")
		const setAvatar = `mutation($img: Upload) { updateProfile(input: {avatar: $img, displayName: "Alice"}) { account { avatar avatarStatic header } } }`
		var out struct {
			UpdateProfile struct {
				Account struct{ Avatar, AvatarStatic, Header string }
			}
		}
		r := s.upload(token, setAvatar, map[string]any{"img": nil}, "img", "me.gif", mediatest.GIF(600, 600, 3))
		if len(r.Errors) > 0 {
			t.Fatalf("updateProfile: %+v", r.Errors)
		}
		json.Unmarshal(r.Data, &out)
		a := out.UpdateProfile.Account
		prefix := "https://" + testrig.TestHost + media.Path + alice.ID + "/avatar/"
		if !strings.HasPrefix(a.Avatar, prefix+"original/") || !strings.HasPrefix(a.AvatarStatic, prefix+"small/") ||
			a.Header != "https://"+testrig.TestHost+media.DefaultHeaderPath {
			t.Errorf("account %+v", a)
		}
		r = s.upload(token, setAvatar, map[string]any{"img": nil}, "img", "me.jpg", mediatest.JPEG(300, 300, 0))
		if len(r.Errors) > 0 {
			t.Fatalf("replace avatar: %+v", r.Errors)
		}
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 1 {
			t.Errorf("%d images stored after replacing the avatar, want 1", n)
		}
		s.must(token, `mutation { updateProfile(input: {removeAvatar: true}) { account { avatar } } }`, nil, &out)
		if out.UpdateProfile.Account.Avatar != "https://"+testrig.TestHost+media.DefaultAvatarPath {
			t.Errorf("removed avatar: %+v", out.UpdateProfile.Account)
		}
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 0 {
			t.Errorf("%d images stored after removing the avatar", n)
		}
		r = s.upload(token, setAvatar, map[string]any{"img": nil}, "img", "me.mp4", mediatest.MP4())
		if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "avatar must be a JPEG, PNG, GIF or WebP") {
			t.Errorf("video avatar: %+v", r.Errors)
		}
	})
}

func TestCustomEmojiInStatusesAndProfiles(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		admin := testrig.LocalAccount(t, db, "admin")
		db.User.Update().Where(user.HasAccountWith(account.ID(admin.ID))).SetAdmin(true).ExecX(context.Background())
		alice := testrig.LocalAccount(t, db, "alice")
		adminToken := testrig.Token(t, db, admin, "read write admin:write")
		aliceToken := testrig.Token(t, db, alice, "read write")

		const create = `mutation($img: Upload!) { createCustomEmoji(input: {shortcode: "blobcat", image: $img}) { shortcode url staticURL } }`
		r := s.upload(aliceToken, create, map[string]any{"img": nil}, "img", "b.png", mediatest.PNG(32, 32, true))
		if r.code() != "FORBIDDEN" {
			t.Errorf("non-admin: %+v", r.Errors)
		}
		r = s.upload(adminToken, create, map[string]any{"img": nil}, "img", "b.png", mediatest.PNG(32, 32, true))
		if len(r.Errors) > 0 {
			t.Fatalf("createCustomEmoji: %+v", r.Errors)
		}
		var em struct {
			CreateCustomEmoji struct{ Shortcode, URL, StaticURL string }
		}
		json.Unmarshal(r.Data, &em)
		if !strings.HasPrefix(em.CreateCustomEmoji.URL, "https://"+testrig.TestHost+media.Path+"emoji/original/") {
			t.Errorf("emoji %+v", em)
		}

		var post struct {
			CreateStatus struct {
				Status struct {
					Emojis  []struct{ Shortcode, URL string }
					Account struct{ Emojis []struct{ Shortcode string } }
				}
			}
		}
		s.must(aliceToken, `mutation { updateProfile(input: {displayName: "Alice :blobcat:"}) { account { id } } }`, nil, nil)
		s.must(aliceToken, `mutation { createStatus(input: {text: "hello :blobcat: :unknown:"}) { status { emojis { shortcode url } account { emojis { shortcode } } } } }`, nil, &post)
		st := post.CreateStatus.Status
		if len(st.Emojis) != 1 || st.Emojis[0].Shortcode != "blobcat" || st.Emojis[0].URL != em.CreateCustomEmoji.URL {
			t.Errorf("status emojis %+v", st.Emojis)
		}
		if len(st.Account.Emojis) != 1 {
			t.Errorf("account emojis %+v", st.Account.Emojis)
		}
		var list struct{ CustomEmojis []struct{ Shortcode string } }
		s.must("", `{ customEmojis { shortcode } }`, nil, &list)
		if len(list.CustomEmojis) != 1 {
			t.Errorf("customEmojis %+v", list)
		}
		s.must(adminToken, `mutation { deleteCustomEmoji(shortcode: "blobcat") }`, nil, nil)
	})
}
