package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// server is a real /graphql endpoint on loopback over a fresh database.
type server struct {
	t   testing.TB
	db  *store.DB
	url string
}

const testMaxChars = 500

// testMaxUpload is the largest image the test server takes.
const testMaxUpload = 2 << 20

func newServer(t testing.TB, db *store.DB) *server {
	t.Helper()
	a := &auth.Authenticator{DB: db.Client}
	res := graph.NewResolver(graph.Deps{
		DB:  db,
		Hub: hub.New(),
		Settings: graph.Settings{
			URIs:           uris.Builder{Protocol: "https", Host: testrig.TestHost},
			MaxStatusChars: testMaxChars, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4,
			Media: media.Limits{ImageMaxBytes: testMaxUpload},
		},
		Storage: media.LocalStorage{Root: t.TempDir()},
	})
	t.Cleanup(res.Media.Close)
	h := graph.NewHandler(res, graph.HandlerOptions{MaxDepth: 10, MaxComplexity: 2000, Authenticator: a, MaxUploadBytes: 4 * testMaxUpload})
	srv := httptest.NewServer(a.Middleware(h))
	t.Cleanup(srv.Close)
	return &server{t: t, db: db, url: srv.URL}
}

type gqlError struct {
	Message    string `json:"message"`
	Extensions struct {
		Code string `json:"code"`
	} `json:"extensions"`
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// code is the first error's extensions.code, or "" when the operation succeeded.
func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Extensions.Code
}

// do posts a GraphQL operation; token "" sends none.
func (s *server) do(token, query string, vars map[string]any) gqlResponse {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return s.post(token, body)
}

func (s *server) post(token string, body []byte) gqlResponse {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
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

// must runs an operation that has to succeed and decodes its data into v.
func (s *server) must(token, query string, vars map[string]any, v any) {
	s.t.Helper()
	r := s.do(token, query, vars)
	if len(r.Errors) > 0 {
		s.t.Fatalf("GraphQL errors: %+v\nquery: %s", r.Errors, query)
	}
	if v != nil {
		if err := json.Unmarshal(r.Data, v); err != nil {
			s.t.Fatalf("decode data %s: %v", r.Data, err)
		}
	}
}

// subscription is a graphql-transport-ws client with one subscription. A reader
// goroutine collects payloads, because a gorilla connection whose read deadline passed
// is unusable, and tests must be able to wait for "nothing arrives" more than once.
type subscription struct {
	t        testing.TB
	payloads chan json.RawMessage
}

func (s *server) subscribe(token, query string) *subscription {
	s.t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}}
	conn, _, err := d.Dial("ws"+strings.TrimPrefix(s.url, "http"), nil)
	if err != nil {
		s.t.Fatalf("dial websocket: %v", err)
	}
	s.t.Cleanup(func() { conn.Close() })
	payload := map[string]any{}
	if token != "" {
		payload["Authorization"] = "Bearer " + token
	}
	conn.WriteJSON(map[string]any{"type": "connection_init", "payload": payload})
	var ack struct{ Type string }
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if err := conn.ReadJSON(&ack); err != nil || ack.Type != "connection_ack" {
		s.t.Fatalf("connection_init: got %q, %v", ack.Type, err)
	}
	conn.SetReadDeadline(time.Time{})
	conn.WriteJSON(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": query}})
	sub := &subscription{t: s.t, payloads: make(chan json.RawMessage, 100)}
	go sub.read(conn)
	// graphql-transport-ws does not acknowledge a subscribe, and gqlgen registers the
	// subscription in a goroutine; give it a moment before anything is published.
	time.Sleep(150 * time.Millisecond)
	return sub
}

func (s *subscription) read(conn *websocket.Conn) {
	defer close(s.payloads)
	for {
		var msg struct {
			Type    string          `json:"type"`
			Payload json.RawMessage `json:"payload"`
		}
		if err := conn.ReadJSON(&msg); err != nil {
			return
		}
		switch msg.Type {
		case "next", "error":
			s.payloads <- msg.Payload
		case "ping":
			conn.WriteJSON(map[string]any{"type": "pong"})
		}
	}
}

// next waits up to d for the next payload's data; ok is false on timeout.
func (s *subscription) next(d time.Duration) (json.RawMessage, bool) {
	s.t.Helper()
	select {
	case p, open := <-s.payloads:
		if !open {
			s.t.Fatalf("subscription connection closed")
		}
		var r struct {
			Data   json.RawMessage `json:"data"`
			Errors []gqlError      `json:"errors"`
		}
		json.Unmarshal(p, &r)
		if len(r.Errors) > 0 {
			s.t.Fatalf("subscription error: %+v", r.Errors)
		}
		return r.Data, true
	case <-time.After(d):
		return nil, false
	}
}
