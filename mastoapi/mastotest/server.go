// Package mastotest runs the whole Mastodon API for tests: the real router behind the
// real authentication middleware, on loopback, over a test database, with helpers to
// sign in fixture users, send requests as a Mastodon app does and read the answers.
// Handler packages test through it rather than each building a server of its own.
package mastotest

import (
	"net/http/httptest"
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

// Facts about the test server that tests compare against.
const (
	// PublicBase is the instance's public URL, which Link headers name.
	PublicBase = "https://" + testrig.TestHost
	// MaxStatusChars is the configured status length limit.
	MaxStatusChars = 500
	// AllScopes is what User's tokens are granted.
	AllScopes = "read write follow"
)

// Server is the Mastodon API on loopback over a fresh database.
type Server struct {
	T        *testing.T
	DB       *store.DB
	Resolver *graph.Resolver
	URL      string // the loopback root, http://127.0.0.1:port
}

// New starts the API over db. change, if given, adjusts the settings first (to set an
// instance title, say).
func New(t *testing.T, db *store.DB, change ...func(*graph.Settings)) *Server {
	t.Helper()
	url, res := Start(t, db, change...)
	return &Server{T: t, DB: db, Resolver: res, URL: url}
}

// Start serves the API over db on loopback until tb ends, for benchmarks and others
// that need no request helpers; it returns the root URL and the application core.
func Start(tb testing.TB, db *store.DB, change ...func(*graph.Settings)) (string, *graph.Resolver) {
	tb.Helper()
	settings := graph.Settings{
		URIs:           uris.Builder{Protocol: "https", Host: testrig.TestHost},
		MaxStatusChars: MaxStatusChars, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4,
	}
	for _, f := range change {
		f(&settings)
	}
	storage := media.LocalStorage{Root: tb.TempDir()}
	res := graph.NewResolver(graph.Deps{DB: db, Hub: hub.New(), Settings: settings, Storage: storage})
	tb.Cleanup(res.Media.Close)
	r := chi.NewRouter()
	r.Use((&auth.Authenticator{DB: db.Client}).Middleware)
	mastoapi.New(mastoapi.Deps{DB: db, Resolver: res}).Mount(r)
	r.Handle(media.Path+"*", media.Handler(storage))
	srv := httptest.NewServer(r)
	tb.Cleanup(srv.Close)
	return srv.URL, res
}

// User is a local account with a token granting AllScopes.
type User struct {
	*ent.Account
	Token string
}

// User creates a local account and signs it in.
func (s *Server) User(username string) User {
	s.T.Helper()
	a := testrig.LocalAccount(s.T, s.DB, username)
	return User{Account: a, Token: testrig.Token(s.T, s.DB, a, AllScopes)}
}

// Token signs the account in with other scopes.
func (s *Server) Token(a *ent.Account, scopes string) string {
	s.T.Helper()
	return testrig.Token(s.T, s.DB, a, scopes)
}
