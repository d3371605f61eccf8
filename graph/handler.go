package graph

import (
	"context"
	"log/slog"
	"mime"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/generated"
	"github.com/fedigraph/fedigraph/graph/gqlws"
)

// HandlerOptions configure the /graphql endpoint.
type HandlerOptions struct {
	// MaxDepth and MaxComplexity bound what third-party clients may ask in one query.
	MaxDepth, MaxComplexity int
	// Authenticator checks the token a websocket client sends in connection_init.
	Authenticator *auth.Authenticator
	// CheckOrigin decides which browser origins may open a websocket; nil allows only
	// same-origin browsers and non-browser clients.
	CheckOrigin func(*http.Request) bool
	Logger      *slog.Logger
	// MaxUploadBytes bounds a file sent with the multipart request spec (uploadMedia,
	// updateProfile's avatar and header); 0 turns multipart requests off.
	MaxUploadBytes int64
}

// maxBodyBytes bounds a GraphQL request body: far above any real query, far below
// what could exhaust memory.
const maxBodyBytes = 1 << 20

// NewHandler serves GraphQL over HTTP (POST and GET) and graphql-transport-ws. HTTP
// requests must already have passed auth.Authenticator.Middleware.
func NewHandler(r *Resolver, o HandlerOptions) http.Handler {
	logger := o.Logger
	if logger == nil {
		logger = slog.Default()
	}
	srv := handler.New(generated.NewExecutableSchema(generated.Config{
		Resolvers:  r,
		Directives: generated.DirectiveRoot{Auth: authDirective},
		Complexity: complexity(),
	}))
	srv.AddTransport(transport.Websocket{
		Implementation:        gqlws.Upgrader{CheckOrigin: o.CheckOrigin, HandshakeTimeout: 10 * time.Second},
		InitFunc:              websocketInit(o.Authenticator),
		KeepAlivePingInterval: 15 * time.Second,
		PingPongInterval:      30 * time.Second,
	})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	if o.MaxUploadBytes > 0 {
		// Parts beyond MaxMemory spill to temporary files, so a large upload does not
		// sit in memory while the operation waits its turn.
		srv.AddTransport(transport.MultipartForm{MaxUploadSize: o.MaxUploadBytes + maxBodyBytes, MaxMemory: 8 << 20})
	}
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(15000)
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	if o.MaxComplexity > 0 {
		// Errors carry extensions.code COMPLEXITY_LIMIT_EXCEEDED.
		srv.Use(extension.FixedComplexityLimit(o.MaxComplexity))
	}
	if o.MaxDepth > 0 {
		srv.Use(DepthLimit{Max: o.MaxDepth})
	}
	srv.AroundOperations(refuseFailedCredentials)
	srv.AroundOperations(r.withLoaders)
	srv.SetErrorPresenter(presentError(logger))
	srv.SetRecoverFunc(recoverPanic(logger))
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		limit := int64(maxBodyBytes)
		if o.MaxUploadBytes > 0 && IsMultipart(req) {
			limit += o.MaxUploadBytes
		}
		req.Body = http.MaxBytesReader(w, req.Body, limit)
		srv.ServeHTTP(w, req)
	})
}

// IsMultipart reports whether a request's body is multipart/form-data: a file upload.
func IsMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}

// refuseFailedCredentials answers UNAUTHENTICATED when the request presented a token or
// cookie that does not work: treating it as anonymous would hide the problem from the
// client and serve it a signed-out view.
func refuseFailedCredentials(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if err := auth.FailureFromContext(ctx); err != nil {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
			Message:    err.Error(),
			Extensions: map[string]any{"code": string(apperr.Unauthenticated)},
		}}})
	}
	return next(ctx)
}
