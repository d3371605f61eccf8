package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// postForm posts an urlencoded form as an app would and decodes the JSON answer,
// which must be 200.
func (inst *instance) postForm(t *testing.T, path string, form url.Values) map[string]any {
	t.Helper()
	resp, err := http.PostForm(inst.base+path, form)
	if err != nil {
		t.Fatal(err)
	}
	return decodeOK(t, resp)
}

// graphql runs a query or mutation over HTTP and returns its data, failing the test
// on any GraphQL error.
func (inst *instance) graphql(t *testing.T, token, query string) map[string]any {
	t.Helper()
	out := inst.graphqlResponse(t, token, query)
	if out["errors"] != nil {
		t.Fatalf("GraphQL errors for %s: %v", query, out["errors"])
	}
	data, _ := out["data"].(map[string]any)
	return data
}

// graphqlErrorCode runs a query that should fail and returns its first error's code.
func (inst *instance) graphqlErrorCode(t *testing.T, token, query string) string {
	t.Helper()
	errs, _ := inst.graphqlResponse(t, token, query)["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	first, _ := errs[0].(map[string]any)
	ext, _ := first["extensions"].(map[string]any)
	code, _ := ext["code"].(string)
	return code
}

// graphqlResponse runs a query or mutation over HTTP and returns the whole response.
func (inst *instance) graphqlResponse(t *testing.T, token, query string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, inst.base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return decodeOK(t, resp)
}

// createStatus posts text and returns the new status's ID.
func (inst *instance) createStatus(t *testing.T, token, text string) string {
	t.Helper()
	quoted, _ := json.Marshal(text)
	data := inst.graphql(t, token, `mutation { createStatus(input: {text: `+string(quoted)+`}) { status { id content } } }`)
	var id string
	if payload, ok := data["createStatus"].(map[string]any); ok {
		if status, ok := payload["status"].(map[string]any); ok {
			id, _ = status["id"].(string)
		}
	}
	if id == "" {
		t.Fatalf("createStatus returned %v", data)
	}
	return id
}

func decodeOK(t *testing.T, resp *http.Response) map[string]any {
	t.Helper()
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s answered %d %q", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, body)
	}
	return out
}

// subscriber is one GraphQL subscription over its own graphql-transport-ws connection.
type subscriber struct {
	conn    *websocket.Conn
	writeMu sync.Mutex
	events  chan timelineEvent
}

type timelineEvent struct {
	Kind   string
	Status *struct{ ID, Content string }
}

// subscribe opens a websocket, authenticates with token (none if ""), and starts the
// subscription. The connection closes when the test ends.
func (inst *instance) subscribe(t *testing.T, token, query string) *subscriber {
	t.Helper()
	dialer := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: 5 * time.Second}
	conn, _, err := dialer.Dial("ws://"+inst.host+"/graphql", nil)
	if err != nil {
		t.Fatalf("open websocket: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	s := &subscriber{conn: conn, events: make(chan timelineEvent, 100)}
	payload := map[string]any{}
	if token != "" {
		payload["Authorization"] = "Bearer " + token
	}
	s.send(t, map[string]any{"type": "connection_init", "payload": payload})
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	var ack struct{ Type string }
	if err := conn.ReadJSON(&ack); err != nil || ack.Type != "connection_ack" {
		t.Fatalf("connection_init answered %+v, %v", ack, err)
	}
	conn.SetReadDeadline(time.Time{})
	s.send(t, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": query}})
	go s.read(t)
	return s
}

func (s *subscriber) send(t *testing.T, msg any) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.conn.WriteJSON(msg); err != nil {
		t.Errorf("websocket write: %v", err)
	}
}

// read turns "next" messages into events until the connection ends, answering the
// server's pings so that it keeps the connection.
func (s *subscriber) read(t *testing.T) {
	defer close(s.events)
	for {
		var msg struct {
			Type    string
			Payload json.RawMessage
		}
		if err := s.conn.ReadJSON(&msg); err != nil {
			return
		}
		switch msg.Type {
		case "ping":
			s.writeMu.Lock()
			s.conn.WriteJSON(map[string]any{"type": "pong"})
			s.writeMu.Unlock()
		case "next":
			var p struct {
				Data   map[string]timelineEvent
				Errors []any
			}
			if err := json.Unmarshal(msg.Payload, &p); err != nil || len(p.Errors) > 0 {
				t.Errorf("subscription sent %s (%v)", msg.Payload, err)
				continue
			}
			for _, ev := range p.Data {
				s.events <- ev
			}
		case "error", "complete":
			t.Errorf("subscription ended: %s %s", msg.Type, msg.Payload)
			return
		}
	}
}

// sawContent reports whether a status whose content contains text arrives within d.
func (s *subscriber) sawContent(text string, d time.Duration) bool {
	return s.saw(d, func(ev timelineEvent) bool {
		return ev.Status != nil && strings.Contains(ev.Status.Content, text)
	})
}

// sawStatus reports whether the creation of status id, showing text, arrives within d.
func (s *subscriber) sawStatus(id, text string, d time.Duration) bool {
	return s.saw(d, func(ev timelineEvent) bool {
		return ev.Kind == "CREATED" && ev.Status != nil && ev.Status.ID == id && strings.Contains(ev.Status.Content, text)
	})
}

func (s *subscriber) saw(d time.Duration, match func(timelineEvent) bool) bool {
	timeout := time.After(d)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return false
			}
			if match(ev) {
				return true
			}
		case <-timeout:
			return false
		}
	}
}
