package mastoapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/mastoapi"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

const (
	testMaxChars = 500
	publicBase   = "https://" + testrig.TestHost
	allScopes    = "read write follow"
)

// rig is the Mastodon API on loopback, behind the real authentication middleware, over
// a fresh database.
type rig struct {
	t   *testing.T
	db  *store.DB
	url string
}

func newRig(t *testing.T, db *store.DB) *rig {
	t.Helper()
	a := &auth.Authenticator{DB: db.Client}
	res := graph.NewResolver(graph.Deps{
		DB:  db,
		Hub: hub.New(),
		Settings: graph.Settings{
			URIs:           uris.Builder{Protocol: "https", Host: testrig.TestHost},
			MaxStatusChars: testMaxChars, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4,
		},
		Storage: media.LocalStorage{Root: t.TempDir()},
	})
	t.Cleanup(res.Media.Close)
	r := chi.NewRouter()
	r.Use(a.Middleware)
	mastoapi.New(mastoapi.Deps{DB: db, Resolver: res}).Mount(r)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return &rig{t: t, db: db, url: srv.URL}
}

// user is a local account with a token that has every user scope.
type user struct {
	*ent.Account
	token string
}

func (g *rig) user(name string) user {
	g.t.Helper()
	a := testrig.LocalAccount(g.t, g.db, name)
	return user{Account: a, token: testrig.Token(g.t, g.db, a, allScopes)}
}

// reply is an answer of the API.
type reply struct {
	t      *testing.T
	req    string
	status int
	header http.Header
	body   []byte
}

// form marks a body to send form-encoded; any other non-nil body is sent as JSON.
type form = url.Values

// multipartForm marks a body to send as multipart/form-data, with files by field name.
type multipartForm struct {
	fields map[string]string
	files  map[string][]byte
}

func (m multipartForm) encode() (io.Reader, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range m.fields {
		mw.WriteField(k, v)
	}
	for k, data := range m.files {
		fw, _ := mw.CreateFormFile(k, k+".png")
		fw.Write(data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// call sends a request with the bearer token ("" for none). Paths may be absolute
// URLs on the public base (as Link headers give them).
func (g *rig) call(method, path, token string, body any) reply {
	g.t.Helper()
	path = strings.TrimPrefix(path, publicBase)
	var rd io.Reader
	contentType := ""
	switch b := body.(type) {
	case nil:
	case form:
		rd, contentType = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	case multipartForm:
		rd, contentType = b.encode()
	case string:
		rd, contentType = strings.NewReader(b), "application/json"
	default:
		raw, _ := json.Marshal(b)
		rd, contentType = bytes.NewReader(raw), "application/json"
	}
	req, err := http.NewRequest(method, g.url+path, rd)
	if err != nil {
		g.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		g.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return reply{t: g.t, req: method + " " + path, status: resp.StatusCode, header: resp.Header, body: raw}
}

func (g *rig) get(path, token string) reply { return g.call(http.MethodGet, path, token, nil) }

func (g *rig) post(path, token string, body any) reply {
	return g.call(http.MethodPost, path, token, body)
}

// ok checks the status is 200 and decodes the body into v.
func (r reply) ok(v any) reply {
	r.t.Helper()
	return r.want(http.StatusOK, v)
}

// want checks the status and decodes the body into v (when not nil).
func (r reply) want(status int, v any) reply {
	r.t.Helper()
	if r.status != status {
		r.t.Fatalf("%s: status %d, want %d; body %s", r.req, r.status, status, r.body)
	}
	if v != nil {
		if err := json.Unmarshal(r.body, v); err != nil {
			r.t.Fatalf("%s: decode %s: %v", r.req, r.body, err)
		}
	}
	return r
}

// errorIs checks for a Mastodon error body with the status; msg "" accepts any message.
func (r reply) errorIs(status int, msg string) {
	r.t.Helper()
	var e struct {
		Error *string `json:"error"`
	}
	r.want(status, &e)
	if e.Error == nil || (msg != "" && *e.Error != msg) {
		r.t.Fatalf("%s: error body %s, want {\"error\": %q}", r.req, r.body, msg)
	}
}

// links parses the Link header into rel → URL.
func (r reply) links() map[string]string {
	out := map[string]string{}
	for _, m := range linkPattern.FindAllStringSubmatch(r.header.Get("Link"), -1) {
		out[m[2]] = m[1]
	}
	return out
}

var linkPattern = regexp.MustCompile(`<([^>]+)>; rel="(\w+)"`)

// Shapes of the entities as a client reads them: only what the tests look at.

type accountJSON struct {
	ID             string `json:"id"`
	Username       string `json:"username"`
	Acct           string `json:"acct"`
	DisplayName    string `json:"display_name"`
	Note           string `json:"note"`
	Locked         bool   `json:"locked"`
	FollowersCount int    `json:"followers_count"`
	FollowingCount int    `json:"following_count"`
	StatusesCount  int    `json:"statuses_count"`
	Fields         []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Source *struct {
		Privacy   string `json:"privacy"`
		Sensitive bool   `json:"sensitive"`
		Language  string `json:"language"`
		Note      string `json:"note"`
	} `json:"source"`
}

type relationshipJSON struct {
	ID                  string `json:"id"`
	Following           bool   `json:"following"`
	ShowingReblogs      bool   `json:"showing_reblogs"`
	Notifying           bool   `json:"notifying"`
	FollowedBy          bool   `json:"followed_by"`
	Blocking            bool   `json:"blocking"`
	Muting              bool   `json:"muting"`
	MutingNotifications bool   `json:"muting_notifications"`
	Requested           bool   `json:"requested"`
	Note                string `json:"note"`
}

type statusJSON struct {
	ID              string                  `json:"id"`
	Content         string                  `json:"content"`
	Text            *string                 `json:"text"`
	Visibility      string                  `json:"visibility"`
	Sensitive       bool                    `json:"sensitive"`
	SpoilerText     string                  `json:"spoiler_text"`
	Language        *string                 `json:"language"`
	InReplyToID     *string                 `json:"in_reply_to_id"`
	Account         accountJSON             `json:"account"`
	Reblog          *statusJSON             `json:"reblog"`
	Poll            *pollJSON               `json:"poll"`
	EditedAt        *string                 `json:"edited_at"`
	FavouritesCount int                     `json:"favourites_count"`
	ReblogsCount    int                     `json:"reblogs_count"`
	RepliesCount    int                     `json:"replies_count"`
	Favourited      *bool                   `json:"favourited"`
	Reblogged       *bool                   `json:"reblogged"`
	Bookmarked      *bool                   `json:"bookmarked"`
	Pinned          *bool                   `json:"pinned"`
	Muted           *bool                   `json:"muted"`
	Tags            []struct{ Name string } `json:"tags"`
	Application     *struct{ Name string }  `json:"application"`
}

type pollJSON struct {
	Multiple bool `json:"multiple"`
	Options  []struct {
		Title string `json:"title"`
	} `json:"options"`
}
