package streaming

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

const (
	writeTimeout = 10 * time.Second
	// maxClientMessage bounds what a client may send: subscribe messages are tiny.
	maxClientMessage = 4096
	// maxStreamsPerSocket bounds the subscriptions one socket may hold.
	maxStreamsPerSocket = 32
)

// clientMessage is what a client sends on the socket.
type clientMessage struct {
	Type   string `json:"type"`
	Stream string `json:"stream"`
	Tag    string `json:"tag"`
	List   string `json:"list"`
}

// socketError is what the server sends about a refused subscribe.
type socketError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func (h *Handler) serveWebsocket(w http.ResponseWriter, r *http.Request) {
	v := h.authorize(w, r)
	if v == nil {
		return
	}
	q := r.URL.Query()
	var first *feed
	if name := q.Get("stream"); name != "" {
		f, err := h.open(r.Context(), v, spec{name: name, param: q.Get("tag") + q.Get("list")})
		if err != nil {
			ae := apperr.As(err)
			respond.Message(w, httpStatus(ae), ae.Message)
			return
		}
		first = f
	}
	// A nil CheckOrigin is gorilla's default: same origin, or no Origin header (apps).
	up := websocket.Upgrader{CheckOrigin: h.CheckOrigin, HandshakeTimeout: 10 * time.Second}
	var header http.Header
	if p := strings.TrimSpace(r.Header.Get("Sec-WebSocket-Protocol")); p != "" {
		// The client sent its token as the subprotocol; the handshake must echo it.
		header = http.Header{"Sec-WebSocket-Protocol": {p}}
	}
	conn, err := up.Upgrade(w, r, header)
	if err != nil {
		return // gorilla has answered
	}
	s := &socket{h: h, v: v, conn: conn, out: make(chan any, 64), subs: map[string]context.CancelFunc{}}
	s.run(r.Context(), first)
}

// socket is one client connection with its subscriptions.
type socket struct {
	h    *Handler
	v    *auth.Viewer
	conn *websocket.Conn
	out  chan any
	mu   sync.Mutex
	subs map[string]context.CancelFunc
}

func (s *socket) run(parent context.Context, first *feed) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	defer s.conn.Close()
	events := make(chan *event, 64)
	go func() {
		for {
			select {
			case e := <-events:
				s.send(ctx, e)
			case <-ctx.Done():
				return
			}
		}
	}()
	if first != nil {
		s.subscribe(ctx, first, events, cancel)
	}
	go s.write(ctx, cancel)
	s.read(ctx, events, cancel)
}

// read handles subscribe and unsubscribe messages until the client goes away.
func (s *socket) read(ctx context.Context, events chan<- *event, stop context.CancelFunc) {
	defer stop()
	s.conn.SetReadLimit(maxClientMessage)
	s.conn.SetReadDeadline(time.Now().Add(2 * heartbeat))
	s.conn.SetPongHandler(func(string) error { return s.conn.SetReadDeadline(time.Now().Add(2 * heartbeat)) })
	for {
		_, data, err := s.conn.ReadMessage()
		if err != nil {
			return // closed, timed out or oversized
		}
		var m clientMessage
		if err := json.Unmarshal(data, &m); err != nil {
			s.send(ctx, socketError{Error: "Invalid JSON", Status: http.StatusBadRequest})
			continue
		}
		sp := spec{name: m.Stream, param: m.Tag + m.List}
		switch m.Type {
		case "subscribe":
			f, err := s.h.open(ctx, s.v, sp)
			if err != nil {
				ae := apperr.As(err)
				s.send(ctx, socketError{Error: ae.Message, Status: httpStatus(ae)})
				continue
			}
			s.subscribe(ctx, f, events, stop)
		case "unsubscribe":
			s.unsubscribe(sp)
		default:
			s.send(ctx, socketError{Error: "Unknown message type", Status: http.StatusBadRequest})
		}
	}
}

func (s *socket) subscribe(ctx context.Context, f *feed, events chan<- *event, stop context.CancelFunc) {
	key := strings.Join(f.spec.label(), "\x00")
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.subs[key]; dup || len(s.subs) >= maxStreamsPerSocket {
		return
	}
	subCtx, cancel := context.WithCancel(ctx)
	s.subs[key] = cancel
	go func() {
		s.h.pump(subCtx, s.v, f, events)
		if subCtx.Err() == nil {
			stop() // cut off by the hub for falling behind: close, the client reconnects
		}
	}()
}

func (s *socket) unsubscribe(sp spec) {
	key := strings.Join(sp.label(), "\x00")
	s.mu.Lock()
	defer s.mu.Unlock()
	if cancel, ok := s.subs[key]; ok {
		cancel()
		delete(s.subs, key)
	}
}

// send queues a message for the writer; a client too slow to drain its queue is
// disconnected rather than allowed to hold events in memory.
func (s *socket) send(ctx context.Context, m any) {
	select {
	case s.out <- m:
	case <-ctx.Done():
	default:
		s.conn.Close()
	}
}

// write is the only goroutine writing to the connection.
func (s *socket) write(ctx context.Context, stop context.CancelFunc) {
	defer stop()
	ping := time.NewTicker(heartbeat)
	defer ping.Stop()
	for {
		select {
		case m := <-s.out:
			s.conn.SetWriteDeadline(time.Now().Add(writeTimeout))
			if err := s.conn.WriteJSON(m); err != nil {
				return
			}
		case <-ping.C:
			if err := s.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeTimeout)); err != nil {
				return
			}
		case <-ctx.Done():
			s.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseGoingAway, ""), time.Now().Add(time.Second))
			return
		}
	}
}
