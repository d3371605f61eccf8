package streaming_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/websocket"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/mastoapi"
	"github.com/fedigraph/fedigraph/mastoapi/streaming"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

type world struct {
	t        *testing.T
	url      string
	res      *graph.Resolver
	alice    *ent.Account
	bob      *ent.Account
	bobToken string
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	a := &auth.Authenticator{DB: db.Client}
	res := graph.NewResolver(graph.Deps{DB: db, Hub: hub.New(), Settings: graph.Settings{
		URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost}, MaxStatusChars: 500, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4,
	}})
	r := chi.NewRouter()
	r.Use(a.Middleware)
	(&streaming.Handler{DB: db, Hub: res.Hub, Auth: a, Renderer: mastoapi.NewRenderer(res), Now: res.Now}).Mount(r)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	w := &world{t: t, url: srv.URL, res: res}
	w.alice = testrig.LocalAccount(t, db, "alice")
	w.bob = testrig.LocalAccount(t, db, "bob")
	w.bobToken = testrig.Token(t, db, w.bob, "read")
	if _, err := res.Relations.Follow(context.Background(), w.bob.ID, w.alice.ID, relations.FollowOptions{}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) post(text string, vis status.Visibility) *ent.Status {
	w.t.Helper()
	st, err := w.res.Posting.Create(context.Background(), w.alice.ID, posting.NewStatus{Draft: posting.Draft{Text: text}, Visibility: vis})
	if err != nil {
		w.t.Fatal(err)
	}
	return st
}

type message struct {
	Stream  []string `json:"stream"`
	Event   string   `json:"event"`
	Payload string   `json:"payload"`
	Error   string   `json:"error"`
	Status  int      `json:"status"`
}

// dial opens a streaming websocket and collects its messages.
func (w *world) dial(query string, header http.Header) (*websocket.Conn, <-chan message) {
	w.t.Helper()
	conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(w.url, "http")+"/api/v1/streaming?"+query, header)
	if err != nil {
		w.t.Fatalf("dial: %v", err)
	}
	w.t.Cleanup(func() { conn.Close() })
	msgs := make(chan message, 32)
	go func() {
		defer close(msgs)
		for {
			var m message
			if err := conn.ReadJSON(&m); err != nil {
				return
			}
			msgs <- m
		}
	}()
	time.Sleep(100 * time.Millisecond) // let the subscription register with the hub
	return conn, msgs
}

func next(t *testing.T, msgs <-chan message) message {
	t.Helper()
	select {
	case m, ok := <-msgs:
		if !ok {
			t.Fatal("the stream closed")
		}
		return m
	case <-time.After(2 * time.Second):
		t.Fatal("no event within 2s")
	}
	return message{}
}

func TestWebsocketStreams(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		conn, msgs := w.dial("access_token="+w.bobToken+"&stream=user", nil)

		st := w.post("hello followers", status.VisibilityFOLLOWERS_ONLY)
		m := next(t, msgs)
		var payload struct {
			ID, Content, Visibility string
			Account                 struct{ Acct string }
		}
		json.Unmarshal([]byte(m.Payload), &payload)
		if m.Event != "update" || strings.Join(m.Stream, ",") != "user" || payload.ID != st.ID ||
			payload.Visibility != "private" || payload.Account.Acct != "alice" {
			t.Fatalf("user stream got %+v (payload %+v), want an update with alice's private status", m, payload)
		}

		w.post("hey @bob", status.VisibilityPUBLIC)
		got := map[string]bool{}
		for i := 0; i < 2; i++ { // the mention reaches home and notifications, in either order
			got[next(t, msgs).Event] = true
		}
		if !got["update"] || !got["notification"] {
			t.Errorf("after a mention got events %v, want update and notification", got)
		}

		// A second stream on the same socket, then away again.
		conn.WriteJSON(map[string]string{"type": "subscribe", "stream": "hashtag", "tag": "Cats"})
		time.Sleep(100 * time.Millisecond)
		tagged := w.post("look #cats", status.VisibilityPUBLIC)
		for i := 0; i < 2; i++ {
			m := next(t, msgs)
			if m.Event != "update" {
				t.Fatalf("got %+v, want updates", m)
			}
			if m.Stream[0] == "hashtag" && (len(m.Stream) != 2 || m.Stream[1] != "Cats" || !strings.Contains(m.Payload, tagged.ID)) {
				t.Errorf("hashtag event %+v", m)
			}
		}
		conn.WriteJSON(map[string]string{"type": "unsubscribe", "stream": "hashtag", "tag": "Cats"})
		conn.WriteJSON(map[string]string{"type": "subscribe", "stream": "nonsense"})
		if m := next(t, msgs); m.Error != "Unknown stream type" || m.Status != 400 {
			t.Errorf("unknown stream answered %+v", m)
		}

		if _, err := w.res.Posting.Delete(context.Background(), w.alice.ID, st.ID); err != nil {
			t.Fatal(err)
		}
		if m := next(t, msgs); m.Event != "delete" || m.Payload != st.ID {
			t.Errorf("after a delete got %+v, want delete with the ID", m)
		}
	})
}

func TestStreamingAccessAndTransports(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// The token may come as the websocket subprotocol; the handshake echoes it.
		conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(w.url, "http")+"/api/v1/streaming?stream=public:local",
			http.Header{"Sec-WebSocket-Protocol": {w.bobToken}})
		if err != nil {
			t.Fatalf("token as subprotocol: %v", err)
		}
		if conn.Subprotocol() != w.bobToken {
			t.Errorf("subprotocol not echoed")
		}
		conn.Close()

		for _, c := range []struct {
			name, path string
			want       int
		}{
			{"no token", "/api/v1/streaming/public", http.StatusUnauthorized},
			{"bad token", "/api/v1/streaming/public?access_token=nope", http.StatusUnauthorized},
			{"unknown list", "/api/v1/streaming/list?list=01ARZ3NDEKTSV4RRFFQ69G5FAV&access_token=" + w.bobToken, http.StatusNotFound},
			{"hashtag without tag", "/api/v1/streaming/hashtag?access_token=" + w.bobToken, http.StatusBadRequest},
			{"health", "/api/v1/streaming/health", http.StatusOK},
		} {
			resp, err := http.Get(w.url + c.path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("%s: status %d, want %d", c.name, resp.StatusCode, c.want)
			}
		}

		// Server-sent events.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, w.url+"/api/v1/streaming/public/local", nil)
		req.Header.Set("Authorization", "Bearer "+w.bobToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
			t.Fatalf("SSE content type %q", ct)
		}
		lines := make(chan string, 16)
		go func() {
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		time.Sleep(100 * time.Millisecond)
		st := w.post("local news", status.VisibilityPUBLIC)
		deadline := time.After(2 * time.Second)
		var sawEvent bool
		for {
			select {
			case l := <-lines:
				if l == "event: update" {
					sawEvent = true
				}
				if sawEvent && strings.HasPrefix(l, "data: ") && strings.Contains(l, st.ID) {
					return
				}
			case <-deadline:
				t.Fatal("no update event over server-sent events within 2s")
			}
		}
	})
}

// The direct stream tells of direct statuses through the conversation they land in,
// as Mastodon 4 does: a "conversation" event with the viewer's Conversation, not an
// "update"; statuses that are not direct stay off it.
func TestDirectStreamSendsConversations(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, msgs := w.dial("access_token="+w.bobToken+"&stream=direct", nil)

		w.post("hey @bob, for everyone", status.VisibilityPUBLIC)
		dm := w.post("@bob just for you", status.VisibilityDIRECT)
		m := next(t, msgs)
		var payload struct {
			ID         string
			Unread     bool
			Accounts   []struct{ ID string }
			LastStatus *struct{ ID, Visibility string } `json:"last_status"`
		}
		if err := json.Unmarshal([]byte(m.Payload), &payload); err != nil {
			t.Fatalf("payload %q: %v", m.Payload, err)
		}
		if m.Event != "conversation" || strings.Join(m.Stream, ",") != "direct" || payload.ID == "" || !payload.Unread ||
			len(payload.Accounts) != 1 || payload.Accounts[0].ID != w.alice.ID ||
			payload.LastStatus == nil || payload.LastStatus.ID != dm.ID || payload.LastStatus.Visibility != "direct" {
			t.Fatalf("direct stream got %+v (payload %+v), want a conversation with alice at the direct status", m, payload)
		}
		if _, err := w.res.Posting.Delete(context.Background(), w.alice.ID, dm.ID); err != nil {
			t.Fatal(err)
		}
		if m := next(t, msgs); m.Event != "delete" || m.Payload != dm.ID {
			t.Errorf("after deleting the direct status got %+v, want delete", m)
		}
		select {
		case m := <-msgs:
			t.Errorf("unexpected event %+v", m)
		case <-time.After(200 * time.Millisecond):
		}
	})
}
