package oauth

import (
	"github.com/fedigraph/fedigraph/graph/webpush"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// Options configure the OAuth server.
type Options struct {
	Title           string        // instance name shown on the sign-in and consent pages
	BaseURL         string        // public root URL, e.g. https://fedi.example; no trailing slash needed
	TokenLifetime   time.Duration // how long access tokens last; 0 means until revoked, as in Mastodon
	SessionLifetime time.Duration // how long a browser stays signed in; 0 means 30 days
	Logger          *slog.Logger  // nil means slog.Default()
	Now             func() time.Time
}

// Server serves the OAuth endpoints.
type Server struct {
	db     *ent.Client
	auth   *auth.Authenticator
	opts   Options
	base   *url.URL
	secure bool // the session cookie gets Secure when the site is served over https
	vapid  *webpush.Keys
}

// codeLifetime is how long an authorization code may wait to be exchanged; RFC 6749
// recommends at most ten minutes.
const codeLifetime = 10 * time.Minute

// New returns an OAuth server on db that checks passwords and sessions with a.
func New(db *ent.Client, a *auth.Authenticator, opts Options) *Server {
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	if opts.SessionLifetime == 0 {
		opts.SessionLifetime = 30 * 24 * time.Hour
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Title == "" {
		opts.Title = "fedigraph"
	}
	base, err := url.Parse(opts.BaseURL)
	if err != nil {
		base = &url.URL{}
	}
	return &Server{db: db, auth: a, opts: opts, base: base, secure: base.Scheme == "https", vapid: &webpush.Keys{DB: db}}
}

// Mount adds the OAuth routes to r. They do not need auth.Middleware in front of them:
// the pages read the session cookie themselves and verify_credentials reads the token.
func (s *Server) Mount(r chi.Router) {
	r.Post("/api/v1/apps", s.createApp)
	r.Get("/api/v1/apps/verify_credentials", s.verifyApp)

	r.Get("/oauth/authorize", s.showAuthorize)
	r.Post("/oauth/authorize", s.decideAuthorize)
	r.Get("/oauth/oob", s.showOOBCode)
	r.Post("/oauth/token", s.issueToken)
	r.Post("/oauth/revoke", s.revokeToken)
	r.Get("/.well-known/oauth-authorization-server", s.metadata)

	r.Get("/auth/sign_in", s.showSignIn)
	r.Post("/auth/sign_in", s.signIn)
	r.Get("/auth/sign_out", s.showSignOut)
	r.Post("/auth/sign_out", s.signOut)
}

func (s *Server) url(path string) string { return s.opts.BaseURL + path }
