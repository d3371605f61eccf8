package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/fedigraph/fedigraph/graph"
)

// realIP replaces r.RemoteAddr with the client's address from X-Forwarded-For, but
// only when the request came from a trusted proxy: anyone else could write the header
// and pick an address to be rate limited or logged as. The client is the right-most
// address in the chain that is not itself a trusted proxy.
func realIP(trusted []netip.Prefix) func(http.Handler) http.Handler {
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			peer, err := netip.ParseAddrPort(r.RemoteAddr)
			if err == nil && isTrusted(peer.Addr()) {
				if client, ok := forwardedClient(r.Header.Values("X-Forwarded-For"), isTrusted); ok {
					r.RemoteAddr = net.JoinHostPort(client.String(), "0")
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// forwardedClient walks X-Forwarded-For from the nearest hop outwards and returns the
// first address that is not a trusted proxy (or the farthest one, if all are).
func forwardedClient(headers []string, isTrusted func(netip.Addr) bool) (netip.Addr, bool) {
	hops := strings.Split(strings.Join(headers, ","), ",")
	var farthest netip.Addr
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return farthest, farthest.IsValid() // a garbled hop: trust nothing beyond it
		}
		a = a.Unmap()
		if !isTrusted(a) {
			return a, true
		}
		farthest = a
	}
	return farthest, farthest.IsValid()
}

// logRequests logs each request once it is done. Health checks log at debug level so
// that a load balancer polling them does not flood the log. The query string is left
// out: Mastodon clients put access tokens there.
func logRequests(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			level := slog.LevelInfo
			if r.URL.Path == LivePath || r.URL.Path == ReadyPath {
				level = slog.LevelDebug
			}
			logger.LogAttrs(r.Context(), level, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", ww.Status()),
				slog.Int("bytes", ww.BytesWritten()),
				slog.Duration("duration", time.Since(start)),
				slog.String("client", r.RemoteAddr),
				slog.String("request_id", middleware.GetReqID(r.Context())),
			)
		})
	}
}

// recoverPanics turns a panicking handler into a logged 500 rather than a dropped
// connection with the stack on stderr.
func recoverPanics(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				p := recover()
				if p == nil {
					return
				}
				if p == http.ErrAbortHandler {
					panic(p) // the server's own signal to drop the connection quietly
				}
				logger.ErrorContext(r.Context(), "handler panicked",
					"panic", p, "path", r.URL.Path,
					"request_id", middleware.GetReqID(r.Context()), "stack", string(debug.Stack()))
				if !isWebsocketUpgrade(r) {
					http.Error(w, "internal server error", http.StatusInternalServerError)
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// limitBody caps how much of a request body a handler can read: n, or n plus the
// largest upload for a multipart body sent to a route that takes files.
func limitBody(n, upload int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Body != nil {
				limit := n
				if uploadRoutes[r.URL.Path] && graph.IsMultipart(r) {
					limit += upload
				}
				r.Body = http.MaxBytesReader(w, r.Body, limit)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// uploadRoutes take files in multipart bodies. Each handler still checks the file
// against the limit for its type.
var uploadRoutes = map[string]bool{
	GraphQLPath:                           true,
	"/api/v1/media":                       true,
	"/api/v2/media":                       true,
	"/api/v1/accounts/update_credentials": true,
}

// timeLimit bounds how long an ordinary request may take, through its context and a
// write deadline on its connection. It is per request rather than the http.Server's
// WriteTimeout because websockets and event streams live for hours on the same kind
// of connection; they are exempt and keep themselves alive with pings and heartbeats.
func timeLimit(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isWebsocketUpgrade(r) || isEventStream(r) {
				next.ServeHTTP(w, r)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			// A little beyond the context, so a handler that notices its deadline
			// can still write its error response. Not every ResponseWriter supports
			// deadlines (test recorders do not); the context still bounds those.
			_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d + 5*time.Second))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// isEventStream recognises Mastodon's server-sent-events streaming endpoints.
func isEventStream(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/v1/streaming/") && r.URL.Path != "/api/v1/streaming/health"
}

func isWebsocketUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}
