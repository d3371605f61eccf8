package oauth_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/mastoapi/oauth"
)

const (
	alicePassword = "correct horse battery staple"
	appCallback   = "https://app.example/callback"
	oob           = "urn:ietf:wg:oauth:2.0:oob"
)

// clock is a settable time shared by the server and the authenticator.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Now().UTC().Truncate(time.Second)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// rig is a running OAuth server on a fresh database with one user, alice.
type rig struct {
	t     *testing.T
	db    *ent.Client
	srv   *httptest.Server
	auth  *auth.Authenticator
	clock *clock
	alice *ent.User
}

func newRig(t *testing.T, db *ent.Client) *rig {
	t.Helper()
	c := newClock()
	a := &auth.Authenticator{DB: db, Now: c.Now}
	router := chi.NewRouter()
	srv := httptest.NewServer(router)
	t.Cleanup(srv.Close)
	oauth.New(db, a, oauth.Options{Title: "Test Instance", BaseURL: srv.URL, Now: c.Now}).Mount(router)
	return &rig{t: t, db: db, srv: srv, auth: a, clock: c, alice: newUser(t, db, "alice", alicePassword, false)}
}

// appJSON is the Application entity as a client reads it.
type appJSON struct {
	ID                    string   `json:"id"`
	Name                  string   `json:"name"`
	Website               *string  `json:"website"`
	Scopes                []string `json:"scopes"`
	RedirectURI           string   `json:"redirect_uri"`
	RedirectURIs          []string `json:"redirect_uris"`
	ClientID              string   `json:"client_id"`
	ClientSecret          string   `json:"client_secret"`
	ClientSecretExpiresAt *int     `json:"client_secret_expires_at"`
	VapidKey              *string  `json:"vapid_key"`
}

// registerApp registers an app with the given redirect URIs and scopes.
func (r *rig) registerApp(scopes string, redirectURIs ...string) appJSON {
	r.t.Helper()
	body, _ := json.Marshal(map[string]any{"client_name": "Test App", "redirect_uris": redirectURIs, "scopes": scopes})
	resp, err := http.Post(r.srv.URL+"/api/v1/apps", "application/json", strings.NewReader(string(body)))
	if err != nil {
		r.t.Fatal(err)
	}
	var app appJSON
	decodeJSON(r.t, resp, http.StatusOK, &app)
	return app
}

// reply is a JSON endpoint's answer.
type reply struct {
	status int
	header http.Header
	json   map[string]any
}

// send makes an API request (not a browser's) and decodes its JSON answer.
func (r *rig) send(req *http.Request) reply {
	r.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	out := reply{status: resp.StatusCode, header: resp.Header}
	if err := json.Unmarshal(body, &out.json); err != nil {
		r.t.Fatalf("%s %s answered %d with non-JSON %q", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	return out
}

// postForm posts an urlencoded form to an API endpoint.
func (r *rig) postForm(path string, form url.Values) reply {
	r.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r.send(req)
}

// postJSON posts a raw JSON body to an API endpoint.
func (r *rig) postJSON(path, body string) reply {
	r.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return r.send(req)
}

// withClient adds an app's credentials to token or revocation parameters.
func withClient(app appJSON, params url.Values) url.Values {
	params.Set("client_id", app.ClientID)
	params.Set("client_secret", app.ClientSecret)
	return params
}

// errorCode is the RFC 6749 error of a reply, or "".
func (p reply) errorCode() string {
	s, _ := p.json["error"].(string)
	return s
}

func (r *rig) count(table string) int {
	r.t.Helper()
	ctx := context.Background()
	switch table {
	case "tokens":
		return r.db.Token.Query().CountX(ctx)
	case "codes":
		return r.db.AuthorizationCode.Query().CountX(ctx)
	case "sessions":
		return r.db.Session.Query().CountX(ctx)
	}
	r.t.Fatalf("unknown table %s", table)
	return 0
}

// browser is an HTTP client with a cookie jar that follows redirects on the server
// but stops at redirects to an app, as a browser handing off to an app would.
type browser struct {
	*http.Client
	r *rig
}

func (r *rig) newBrowser() *browser {
	jar, _ := cookiejar.New(nil)
	host := r.srv.Listener.Addr().String()
	c := &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if req.URL.Host != host {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	return &browser{Client: c, r: r}
}

// page is a fetched response with its body read.
type page struct {
	status int
	url    *url.URL // where the browser ended up
	header http.Header
	body   string
}

func (b *browser) do(req *http.Request) page {
	b.r.t.Helper()
	resp, err := b.Do(req)
	if err != nil {
		b.r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, url: resp.Request.URL, header: resp.Header, body: string(body)}
}

func (b *browser) get(path string) page {
	req, _ := http.NewRequest(http.MethodGet, b.r.srv.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values, header ...string) page {
	req, _ := http.NewRequest(http.MethodPost, b.r.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return b.do(req)
}

// sessionCookie is the browser's session cookie, or "".
func (b *browser) sessionCookie() string {
	u, _ := url.Parse(b.r.srv.URL)
	for _, c := range b.Jar.Cookies(u) {
		if c.Name == auth.SessionCookie {
			return c.Value
		}
	}
	return ""
}

// location is where a redirect that left the server pointed.
func (p page) location() *url.URL {
	u, _ := url.Parse(p.header.Get("Location"))
	return u
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// formFields returns the hidden fields of the page's form.
func (p page) formFields() url.Values {
	v := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(p.body, -1) {
		v.Set(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	return v
}

// signIn fills the sign-in page the browser is on and submits it.
func (b *browser) signIn(on page, email, password string) page {
	b.r.t.Helper()
	if !strings.Contains(on.body, `action="/auth/sign_in"`) {
		b.r.t.Fatalf("not on the sign-in page: %d %s\n%s", on.status, on.url, on.body)
	}
	form := on.formFields()
	form.Set("email", email)
	form.Set("password", password)
	return b.post("/auth/sign_in", form)
}

// consent answers the consent page the browser is on.
func (b *browser) consent(on page, decision string) page {
	b.r.t.Helper()
	if on.status != http.StatusOK || !strings.Contains(on.body, `name="decision"`) {
		b.r.t.Fatalf("not on the consent page: %d %s\n%s", on.status, on.url, on.body)
	}
	form := on.formFields()
	form.Set("decision", decision)
	return b.post("/oauth/authorize", form)
}

// authorizeURL is the authorize URL an app would open.
func authorizeURL(app appJSON, redirectURI string, extra url.Values) string {
	q := url.Values{"response_type": {"code"}, "client_id": {app.ClientID}, "redirect_uri": {redirectURI}}
	for k, v := range extra {
		q[k] = v
	}
	return "/oauth/authorize?" + q.Encode()
}

// authorize runs the browser through sign-in (when needed) and consent, allows, and
// returns the code sent to redirectURI.
func (b *browser) authorize(app appJSON, redirectURI string, extra url.Values) string {
	b.r.t.Helper()
	p := b.get(authorizeURL(app, redirectURI, extra))
	if p.url.Path == "/auth/sign_in" {
		p = b.signIn(p, "alice@example.org", alicePassword)
	}
	done := b.consent(p, "allow")
	if done.status != http.StatusSeeOther {
		b.r.t.Fatalf("allow answered %d, want a redirect to the app\n%s", done.status, done.body)
	}
	code := done.location().Query().Get("code")
	if code == "" {
		b.r.t.Fatalf("no code in %s", done.location())
	}
	return code
}

// pkcePair returns a code verifier and its S256 challenge.
func pkcePair(seed string) (verifier, challenge string) {
	verifier = strings.Repeat(seed, 43/len(seed)+1)[:43]
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}

func decodeJSON(t *testing.T, resp *http.Response, wantStatus int, into any) {
	t.Helper()
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s answered %d, want %d: %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, wantStatus, body)
	}
	if err := json.Unmarshal(body, into); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}
