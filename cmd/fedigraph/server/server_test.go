package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/cmd/fedigraph/server"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// newConfig returns a configuration for a server on a fresh database of the given kind.
func newConfig(t *testing.T, kind string) *config.Config {
	t.Helper()
	cfg := config.Defaults()
	cfg.Protocol, cfg.Host = "http", "127.0.0.1"
	opts := testrig.NewDBOptions(t, kind)
	cfg.DB.Type = kind
	cfg.DB.Address = opts.DSN
	if kind == store.SQLite {
		// A directory that does not exist yet, as ./data on a fresh checkout.
		cfg.DB.Address = filepath.Join(t.TempDir(), "data", "sqlite.db")
	}
	return cfg
}

func newServer(t *testing.T, cfg *config.Config) *server.Server {
	t.Helper()
	s, err := server.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestServerServesEveryRouteOnBothDatabases(t *testing.T) {
	for _, kind := range testrig.Kinds {
		t.Run(kind, func(t *testing.T) {
			s := newServer(t, newConfig(t, kind))
			for _, tc := range []struct {
				path, contains string
				status         int
			}{
				{"/livez", "ok", http.StatusOK},
				{"/readyz", "ok", http.StatusOK},
				{"/", "/graphiql", http.StatusOK},
				{"/graphiql", "graphiql", http.StatusOK},
				{"/graphql?query=%7B__typename%7D", `"__typename":"Query"`, http.StatusOK},
				{"/.well-known/oauth-authorization-server", "/oauth/token", http.StatusOK},
				{"/no/such/page", "", http.StatusNotFound},
			} {
				rec := get(t, s.Handler(), tc.path)
				if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.contains) {
					t.Errorf("GET %s = %d %.200q, want %d containing %q", tc.path, rec.Code, rec.Body.String(), tc.status, tc.contains)
				}
			}
		})
	}
}

func TestDisabledGraphiQLAndWebAppAreNotServed(t *testing.T) {
	cfg := newConfig(t, store.SQLite)
	cfg.GraphQL.GraphiQLEnabled, cfg.Web.Enabled = false, false
	s := newServer(t, cfg)
	for _, path := range []string{"/graphiql", "/"} {
		if rec := get(t, s.Handler(), path); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404 when disabled", path, rec.Code)
		}
	}
}

func TestReadinessFollowsTheDatabase(t *testing.T) {
	s := newServer(t, newConfig(t, store.SQLite))
	s.DB().SQL.Close()
	if rec := get(t, s.Handler(), "/readyz"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database closed = %d, want 503", rec.Code)
	}
	if rec := get(t, s.Handler(), "/livez"); rec.Code != http.StatusOK {
		t.Errorf("livez with the database closed = %d, want 200", rec.Code)
	}
}

// TestShutdownEndsWebsockets checks that stopping the server does not hang on, or
// leave behind, GraphQL websocket connections, which http.Server.Shutdown ignores.
func TestShutdownEndsWebsockets(t *testing.T) {
	s := newServer(t, newConfig(t, store.SQLite))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	dialer := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: 5 * time.Second}
	conn, _, err := dialer.Dial("ws://"+ln.Addr().String()+"/graphql", nil)
	if err != nil {
		t.Fatalf("open websocket: %v", err)
	}
	defer conn.Close()
	if err := conn.WriteJSON(map[string]any{"type": "connection_init"}); err != nil {
		t.Fatal(err)
	}
	var ack struct{ Type string }
	if err := conn.ReadJSON(&ack); err != nil || ack.Type != "connection_ack" {
		t.Fatalf("connection_init answered %+v, %v", ack, err)
	}

	stop()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve after shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return within 10s of shutdown")
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		var msg map[string]any
		if err := conn.ReadJSON(&msg); err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Fatal("the websocket stayed open after shutdown")
			}
			break // closed, as it should be
		}
	}
}
