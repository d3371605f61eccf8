package server

import (
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/fedigraph/fedigraph/frontend"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/mastoapi"
	"github.com/fedigraph/fedigraph/mastoapi/oauth"
	"github.com/fedigraph/fedigraph/mastoapi/streaming"
)

// Route paths that are part of the public contract.
const (
	GraphQLPath  = "/graphql"
	GraphiQLPath = "/graphiql"
	LivePath     = "/livez"
	ReadyPath    = "/readyz"
)

// Limits applied to ordinary requests. Routes that take uploads will set their own.
const (
	maxBodyBytes   = 1 << 20
	requestTimeout = 30 * time.Second
)

// maxUploadBytes is the largest file any upload route takes.
func (s *Server) maxUploadBytes() int64 {
	return max(int64(s.cfg.Media.ImageMaxSize), int64(s.cfg.Media.VideoMaxSize))
}

// routes builds the router. Middleware order matters: the request ID and client IP come
// first so the logger and recovery can report them, and authentication runs last, on
// requests that are already bounded.
func (s *Server) routes(resolver *graph.Resolver, authn *auth.Authenticator) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(realIP(s.cfg.TrustedProxies))
	r.Use(logRequests(s.log))
	r.Use(rateLimit(s.cfg.Advanced.RateLimitRequests, s.cfg.Advanced.RateLimitExceptions))
	r.Use(recoverPanics(s.log))
	r.Use(limitBody(maxBodyBytes, s.maxUploadBytes()))
	r.Use(timeLimit(requestTimeout))
	r.Use(authn.Middleware)

	r.Get(LivePath, live)
	r.Get(ReadyPath, s.ready)

	r.Handle(GraphQLPath, graph.NewHandler(resolver, graph.HandlerOptions{
		MaxDepth:       s.cfg.GraphQL.MaxDepth,
		MaxComplexity:  s.cfg.GraphQL.MaxComplexity,
		Authenticator:  authn,
		Logger:         s.log,
		MaxUploadBytes: s.maxUploadBytes(),
	}))
	r.Handle(media.Path+"*", media.Handler(media.LocalStorage{Root: s.cfg.Storage.LocalBasePath}))
	r.Handle(media.RemotePath+"*", resolver.Media.RemoteHandler())
	r.Handle(media.DefaultAvatarPath, media.DefaultImages())
	r.Handle(media.DefaultHeaderPath, media.DefaultImages())
	if s.cfg.GraphQL.GraphiQLEnabled {
		r.Get(GraphiQLPath, playground.Handler(s.cfg.Instance.Title+" GraphiQL", GraphQLPath))
	}

	oauth.New(authn.DB, authn, oauth.Options{
		Title:         s.cfg.Instance.Title,
		BaseURL:       s.cfg.BaseURL(),
		TokenLifetime: s.cfg.OAuth.TokenLifetime,
		Logger:        s.log,
	}).Mount(r)

	renderer := mastoapi.NewRenderer(resolver)
	mastoapi.New(mastoapi.Deps{DB: resolver.DB, Resolver: resolver, Renderer: renderer, Logger: s.log}).Mount(r)
	(&streaming.Handler{
		DB: resolver.DB, Hub: resolver.Hub, Auth: authn, Renderer: renderer, Now: resolver.Now, Logger: s.log,
	}).Mount(r)

	s.fed.routes(r)

	if s.cfg.Web.Enabled {
		r.Handle("/*", frontend.Handler())
	}
	return r
}
