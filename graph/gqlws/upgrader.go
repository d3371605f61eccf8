// Package gqlws runs gqlgen's GraphQL-over-websocket transport
// (graphql-transport-ws, and legacy graphql-ws) on gorilla/websocket, the
// websocket library fedigraph uses everywhere (Mastodon streaming, test
// clients), instead of gqlgen's default coder/websocket.
//
// Plug it into gqlgen:
//
//	srv.AddTransport(transport.Websocket{
//		Implementation:   gqlws.Upgrader{CheckOrigin: allowedOrigin},
//		InitFunc:         authenticate, // close with 4403 via transport.WithWebsocketCloseCode
//		PayloadReadLimit: &limit,       // enforced by this adapter; gqlgen's default is 1 MiB
//	})
package gqlws

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"
)

// Subprotocols, in the order the server prefers them when a client offers
// both: the maintained graphql-transport-ws first, the legacy graphql-ws
// (subscriptions-transport-ws) second.
const (
	SubprotocolGraphQLTransportWS = "graphql-transport-ws"
	SubprotocolGraphQLWS          = "graphql-ws"
)

// DefaultWriteTimeout bounds each write when Upgrader.WriteTimeout is zero.
const DefaultWriteTimeout = 10 * time.Second

// defaultReadLimit applies from the upgrade until gqlgen sets its own limit,
// and stays if gqlgen's PayloadReadLimit is set to "unlimited": gorilla
// alone would read messages of any size.
const defaultReadLimit = 1 << 20

// Upgrader implements gqlgen's transport.WebsocketImplementation over
// gorilla/websocket. The zero value is usable and only accepts same-origin
// browser connections.
type Upgrader struct {
	// CheckOrigin reports whether a browser on r's Origin may connect. When
	// nil, only same-origin requests (Origin's host equals Host) and clients
	// that send no Origin are accepted. Keep it strict: browsers attach
	// cookies to cross-site websocket requests, so a permissive check lets
	// any web page act as a signed-in user.
	CheckOrigin func(r *http.Request) bool
	// HandshakeTimeout bounds the upgrade handshake; zero means no limit.
	HandshakeTimeout time.Duration
	// WriteTimeout bounds each message written to the client (default
	// DefaultWriteTimeout). A client that does not read within it is
	// disconnected, which ends its subscriptions instead of stalling them.
	WriteTimeout time.Duration
	// ReadBufferSize and WriteBufferSize are gorilla's I/O buffer sizes;
	// zero uses gorilla's defaults.
	ReadBufferSize, WriteBufferSize int
}

var _ transport.WebsocketImplementation = Upgrader{}

// Accept upgrades the request to a websocket speaking one of gqlgen's
// subprotocols. On failure it writes nothing: gqlgen answers with its own
// 400 response, and a second response from gorilla would garble it.
func (u Upgrader) Accept(w http.ResponseWriter, r *http.Request, opts transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	upgrader := websocket.Upgrader{
		HandshakeTimeout: u.HandshakeTimeout,
		ReadBufferSize:   u.ReadBufferSize,
		WriteBufferSize:  u.WriteBufferSize,
		Subprotocols:     preferredSubprotocols(opts.Subprotocols),
		CheckOrigin:      u.CheckOrigin,
		Error: func(w http.ResponseWriter, _ *http.Request, _ int, _ error) {
			// Tells a client with the wrong protocol version what we speak.
			w.Header().Set("Sec-Websocket-Version", "13")
		},
	}
	ws, err := upgrader.Upgrade(w, r, opts.ResponseHeader)
	if err != nil {
		return nil, fmt.Errorf("gqlws: upgrade: %w", err)
	}
	ws.SetReadLimit(defaultReadLimit)
	return &conn{ws: ws, writeTimeout: cmp.Or(u.WriteTimeout, DefaultWriteTimeout)}, nil
}

// preferredSubprotocols puts graphql-transport-ws first, because gorilla
// picks the first server protocol that the client also offers.
func preferredSubprotocols(offered []string) []string {
	protocols := []string{SubprotocolGraphQLTransportWS, SubprotocolGraphQLWS}
	for _, p := range offered {
		if !slices.Contains(protocols, p) {
			protocols = append(protocols, p)
		}
	}
	return protocols
}
