package gqlws_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/testserver"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"

	"github.com/fedigraph/fedigraph/graph/gqlws"
)

// closeForbidden is what fedigraph sends when connection_init carries no
// valid credentials (graphql-transport-ws reserves 4403 for it).
const closeForbidden = 4403

type message struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// requireToken is an InitFunc accepting only "Bearer good".
func requireToken(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	if p.Authorization() != "Bearer good" {
		ctx = transport.WithWebsocketCloseCode(ctx, closeForbidden)
		ctx = transport.AppendCloseReason(ctx, "Forbidden")
		return ctx, nil, errors.New("invalid token")
	}
	return ctx, nil, nil
}

// serve runs gqlgen's test schema with the websocket transport on gorilla.
func serve(t *testing.T, ws transport.Websocket) (*testserver.TestServer, string) {
	t.Helper()
	if ws.Implementation == nil {
		ws.Implementation = gqlws.Upgrader{}
	}
	if ws.InitFunc == nil {
		ws.InitFunc = requireToken
	}
	gql := testserver.New()
	gql.AddTransport(ws)
	srv := httptest.NewServer(gql)
	t.Cleanup(srv.Close)
	return gql, "ws" + strings.TrimPrefix(srv.URL, "http")
}

func dial(t *testing.T, url string, header http.Header, subprotocols ...string) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	dialer := websocket.Dialer{Subprotocols: subprotocols, HandshakeTimeout: 5 * time.Second}
	conn, resp, err := dialer.Dial(url, header)
	if conn != nil {
		t.Cleanup(func() { _ = conn.Close() })
	}
	return conn, resp, err
}

func send(t *testing.T, conn *websocket.Conn, m message) {
	t.Helper()
	if err := conn.WriteJSON(m); err != nil {
		t.Fatalf("send %s: %v", m.Type, err)
	}
}

// read returns the next protocol message, skipping graphql-ws keep-alives.
func read(t *testing.T, conn *websocket.Conn) (message, error) {
	t.Helper()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		var m message
		if err := conn.ReadJSON(&m); err != nil {
			return m, err
		}
		if m.Type != "ka" {
			return m, nil
		}
	}
}

func expect(t *testing.T, conn *websocket.Conn, wantType string) message {
	t.Helper()
	m, err := read(t, conn)
	if err != nil {
		t.Fatalf("waiting for %s: %v", wantType, err)
	}
	if m.Type != wantType {
		t.Fatalf("got %s message %s, want %s", m.Type, m.Payload, wantType)
	}
	return m
}

func initPayload(token string) json.RawMessage {
	if token == "" {
		return nil
	}
	p, _ := json.Marshal(map[string]string{"Authorization": token})
	return p
}

func TestSubscriptionEndToEnd(t *testing.T) {
	tests := []struct {
		offered                 []string
		negotiated              string
		subscribe, next, finish string
	}{
		{[]string{gqlws.SubprotocolGraphQLTransportWS}, gqlws.SubprotocolGraphQLTransportWS, "subscribe", "next", "complete"},
		{[]string{gqlws.SubprotocolGraphQLWS}, gqlws.SubprotocolGraphQLWS, "start", "data", "complete"},
		{[]string{gqlws.SubprotocolGraphQLWS, gqlws.SubprotocolGraphQLTransportWS}, gqlws.SubprotocolGraphQLTransportWS, "subscribe", "next", "complete"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.offered, ","), func(t *testing.T) {
			gql, url := serve(t, transport.Websocket{})
			conn, _, err := dial(t, url, nil, tt.offered...)
			if err != nil {
				t.Fatal(err)
			}
			if conn.Subprotocol() != tt.negotiated {
				t.Fatalf("negotiated %q, want %q", conn.Subprotocol(), tt.negotiated)
			}

			send(t, conn, message{Type: "connection_init", Payload: initPayload("Bearer good")})
			expect(t, conn, "connection_ack")
			send(t, conn, message{Type: tt.subscribe, ID: "1", Payload: json.RawMessage(`{"query":"subscription { name }"}`)})

			// Waits until the subscription is running, then feeds it one event.
			gql.SendNextSubscriptionMessage()
			got := expect(t, conn, tt.next)
			if got.ID != "1" || string(got.Payload) != `{"data":{"name":"test"}}` {
				t.Errorf("got id %q payload %s, want id 1 and the name", got.ID, got.Payload)
			}
			gql.SendCompleteSubscriptionMessage()
			expect(t, conn, tt.finish)
		})
	}
}

func TestConnectionInitChecksTheToken(t *testing.T) {
	tests := []struct {
		name, token string
		wantClose   int // 0: accepted
	}{
		{"good token", "Bearer good", 0},
		{"bad token", "Bearer bad", closeForbidden},
		{"no token", "", closeForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, url := serve(t, transport.Websocket{})
			conn, _, err := dial(t, url, nil, gqlws.SubprotocolGraphQLTransportWS)
			if err != nil {
				t.Fatal(err)
			}
			send(t, conn, message{Type: "connection_init", Payload: initPayload(tt.token)})
			m, err := read(t, conn)
			if tt.wantClose == 0 {
				if err != nil || m.Type != "connection_ack" {
					t.Fatalf("got %+v, %v; want connection_ack", m, err)
				}
				return
			}
			var closeErr *websocket.CloseError
			if !errors.As(err, &closeErr) || closeErr.Code != tt.wantClose || closeErr.Text != "Forbidden" {
				t.Fatalf("got %+v, %v; want close %d Forbidden", m, err, tt.wantClose)
			}
		})
	}
}

func TestOriginCheck(t *testing.T) {
	onlyApp := func(r *http.Request) bool { return r.Header.Get("Origin") == "https://app.example" }
	tests := []struct {
		name        string
		checkOrigin func(*http.Request) bool
		origin      string
		wantOK      bool
	}{
		{"default refuses another site", nil, "https://evil.example", false},
		{"default accepts clients without Origin", nil, "", true},
		{"custom check accepts its origin", onlyApp, "https://app.example", true},
		{"custom check refuses others", onlyApp, "https://evil.example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, url := serve(t, transport.Websocket{Implementation: gqlws.Upgrader{CheckOrigin: tt.checkOrigin}})
			header := http.Header{}
			if tt.origin != "" {
				header.Set("Origin", tt.origin)
			}
			_, resp, err := dial(t, url, header, gqlws.SubprotocolGraphQLTransportWS)
			if tt.wantOK {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("connected from a refused origin")
			}
			if resp == nil || resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("response %v, want gqlgen's 400", resp)
			}
		})
	}
}

func TestOversizedMessageClosesTheConnection(t *testing.T) {
	limit := int64(1024)
	_, url := serve(t, transport.Websocket{PayloadReadLimit: &limit})
	conn, _, err := dial(t, url, nil, gqlws.SubprotocolGraphQLTransportWS)
	if err != nil {
		t.Fatal(err)
	}
	send(t, conn, message{Type: "connection_init", Payload: initPayload("Bearer good")})
	expect(t, conn, "connection_ack")

	// Twice the limit, but small enough to go out in one write: a message
	// spanning several writes can meet the server's hang-up halfway and
	// fail the client's send instead of showing the close frame.
	query, _ := json.Marshal(map[string]string{"query": "subscription { name } #" + strings.Repeat("x", 2048)})
	send(t, conn, message{Type: "subscribe", ID: "1", Payload: query})
	_, err = read(t, conn)
	if !websocket.IsCloseError(err, websocket.CloseMessageTooBig) {
		t.Fatalf("got %v, want close 1009 (message too big)", err)
	}
}

func TestClientCloseIsAnErrorOnlyWhenAbnormal(t *testing.T) {
	tests := []struct {
		name      string
		hangUp    func(*websocket.Conn) error
		wantError bool
	}{
		{"normal closure", closeWith(websocket.CloseNormalClosure), false},
		{"going away", closeWith(websocket.CloseGoingAway), false},
		{"connection dropped", func(c *websocket.Conn) error { return c.NetConn().Close() }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var errs []error
			closed := make(chan struct{})
			_, url := serve(t, transport.Websocket{
				ErrorFunc: func(_ context.Context, err error) {
					mu.Lock()
					defer mu.Unlock()
					errs = append(errs, err)
				},
				CloseFunc: func(context.Context, int) { close(closed) },
			})
			conn, _, err := dial(t, url, nil, gqlws.SubprotocolGraphQLTransportWS)
			if err != nil {
				t.Fatal(err)
			}
			send(t, conn, message{Type: "connection_init", Payload: initPayload("Bearer good")})
			expect(t, conn, "connection_ack")
			if err := tt.hangUp(conn); err != nil {
				t.Fatal(err)
			}
			select {
			case <-closed:
			case <-time.After(5 * time.Second):
				t.Fatal("server did not notice the client leaving")
			}
			mu.Lock()
			defer mu.Unlock()
			if gotError := len(errs) > 0; gotError != tt.wantError {
				t.Errorf("server reported errors %v, want an error: %v", errs, tt.wantError)
			}
		})
	}
}

func closeWith(code int) func(*websocket.Conn) error {
	return func(c *websocket.Conn) error {
		msg := websocket.FormatCloseMessage(code, "bye")
		return c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	}
}
