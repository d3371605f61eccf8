package gqlws

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"
)

// closeWriteTimeout bounds sending a close frame. gqlgen sends it while
// holding its connection lock, so a peer that does not read must not hold
// it for long.
const closeWriteTimeout = time.Second

// maxCloseReason is the longest close reason a control frame can carry
// (125 bytes of payload minus the 2-byte code).
const maxCloseReason = 123

// conn adapts *websocket.Conn to gqlgen's transport.WebsocketConn. gqlgen
// serialises writes (WriteJSON, WriteClose) under its own lock and reads
// from one goroutine, which is exactly gorilla's concurrency contract.
type conn struct {
	ws           *websocket.Conn
	writeTimeout time.Duration
}

var (
	_ transport.WebsocketConn          = (*conn)(nil)
	_ transport.WebsocketReadLimiter   = (*conn)(nil)
	_ transport.WebsocketReadDeadliner = (*conn)(nil)
)

// NextReader returns the next message. A close by the client with 1000
// (normal), 1001 (going away: a tab closed or navigated) or no status is
// reported as transport.ErrWebsocketClosed, which gqlgen does not treat as
// an error.
func (c *conn) NextReader() (int, io.Reader, error) {
	messageType, r, err := c.ws.NextReader()
	if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway, websocket.CloseNoStatusReceived) {
		return messageType, nil, transport.ErrWebsocketClosed
	}
	return messageType, r, err
}

// WriteJSON sends v as one text message. A failed or timed-out write leaves
// a gorilla connection unusable, so the connection is closed at once: the
// pending read then fails and gqlgen ends the client's subscriptions.
func (c *conn) WriteJSON(v any) error {
	if err := c.ws.SetWriteDeadline(time.Now().Add(c.writeTimeout)); err != nil {
		return fmt.Errorf("gqlws: set write deadline: %w", err)
	}
	if err := c.ws.WriteJSON(v); err != nil {
		_ = c.ws.Close()
		return fmt.Errorf("gqlws: write: %w", err)
	}
	return nil
}

// WriteClose sends a close frame with code and reason (shortened to what a
// control frame can carry). It does not wait for the client's reply; gqlgen
// calls Close right after.
func (c *conn) WriteClose(code int, reason string) error {
	if len(reason) > maxCloseReason {
		reason = strings.ToValidUTF8(reason[:maxCloseReason], "")
	}
	msg := websocket.FormatCloseMessage(code, reason)
	if err := c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(closeWriteTimeout)); err != nil {
		return fmt.Errorf("gqlws: write close: %w", err)
	}
	return nil
}

// Close closes the network connection without a close handshake.
func (c *conn) Close() error { return c.ws.Close() }

// Subprotocol is the negotiated subprotocol, or "" if the client offered none.
func (c *conn) Subprotocol() string { return c.ws.Subprotocol() }

// SetReadLimit caps the size of one message from the client; gqlgen calls
// it with transport.Websocket.PayloadReadLimit. A larger message closes the
// connection with 1009 (message too big).
func (c *conn) SetReadLimit(limit int64) { c.ws.SetReadLimit(limit) }

// SetReadDeadline lets gqlgen's PingPongInterval drop clients that stop
// answering pings.
func (c *conn) SetReadDeadline(t time.Time) error { return c.ws.SetReadDeadline(t) }
