// Package streaming serves Mastodon's streaming API: /api/v1/streaming over a websocket
// (several streams on one socket, subscribed and unsubscribed by message) and as
// server-sent events, plus /api/v1/streaming/health. It is a thin adapter: graph/live
// decides what each viewer hears, mastoapi/entity renders it.
package streaming

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handler serves the streaming endpoints.
type Handler struct {
	DB       *store.DB
	Hub      *hub.Hub
	Auth     *auth.Authenticator
	Renderer *entity.Renderer
	Now      func() time.Time
	Logger   *slog.Logger
	// CheckOrigin decides which browser origins may open a websocket; nil allows
	// same-origin browsers and clients that send no Origin (apps).
	CheckOrigin func(*http.Request) bool
}

// heartbeat keeps proxies from closing idle connections and finds dead clients.
const heartbeat = 30 * time.Second

// Mount adds the streaming routes.
func (h *Handler) Mount(r chi.Router) {
	r.Get("/api/v1/streaming/health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("OK"))
	})
	r.Get("/api/v1/streaming", h.serveWebsocket)
	// Server-sent events: the stream is in the path, its parameter in the query.
	for path, name := range map[string]string{
		"/user": "user", "/user/notification": "user:notification",
		"/public": "public", "/public/local": "public:local", "/public/remote": "public:remote",
		"/hashtag": "hashtag", "/hashtag/local": "hashtag:local",
		"/list": "list", "/direct": "direct",
	} {
		name := name
		r.Get("/api/v1/streaming"+path, func(w http.ResponseWriter, r *http.Request) { h.serveSSE(w, r, name) })
	}
}

// viewer authenticates a streaming request. Besides the Authorization header and the
// session cookie (handled by auth.Middleware), Mastodon clients put the token in the
// access_token query parameter or, for websockets, in Sec-WebSocket-Protocol, since
// browsers cannot set headers on either.
func (h *Handler) viewer(r *http.Request) (*auth.Viewer, error) {
	if err := auth.FailureFromContext(r.Context()); err != nil {
		return nil, err
	}
	if v := auth.FromContext(r.Context()); v != nil {
		return v, nil
	}
	token := r.URL.Query().Get("access_token")
	if token == "" {
		token = strings.TrimSpace(r.Header.Get("Sec-WebSocket-Protocol"))
	}
	if token == "" {
		return nil, nil
	}
	return h.Auth.FromBearer(r.Context(), token)
}

// authorize answers 401 for bad or missing credentials; every stream needs a user.
func (h *Handler) authorize(w http.ResponseWriter, r *http.Request) *auth.Viewer {
	v, err := h.viewer(r)
	switch {
	case err != nil:
		respond.Message(w, http.StatusUnauthorized, "The access token is invalid")
	case v == nil || v.UserID == "":
		respond.Message(w, http.StatusUnauthorized, "Missing access token")
	default:
		return v
	}
	return nil
}

func (h *Handler) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}
