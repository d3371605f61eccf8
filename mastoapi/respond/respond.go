// Package respond writes the Mastodon API's answers: JSON entities, and errors as
// Mastodon shapes them ({"error": "…"}) with the status code Mastodon gives each kind
// of failure. Every handler of mastoapi answers through it, so that a failure looks
// the same on every route.
package respond

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/mastoapi/params"
)

// Messages Mastodon answers with, word for word: clients and their tests match on them.
const (
	InvalidToken  = "The access token is invalid"
	OutsideScopes = "This action is outside the authorized scopes"
	NeedsUser     = "This method requires an authenticated user"
	NotFound      = "Record not found"
	internalError = "Internal server error"
)

// JSON writes v as the response body with the status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	// The status is sent: a failed write has no one left to tell.
	_ = json.NewEncoder(w).Encode(v)
}

// OK writes v with 200 OK.
func OK(w http.ResponseWriter, v any) { JSON(w, http.StatusOK, v) }

// Message writes Mastodon's error body with the status.
func Message(w http.ResponseWriter, status int, msg string) {
	JSON(w, status, map[string]string{"error": msg})
}

// Error answers with the failure err describes. An apperr.Error carries its status and
// a message safe to show; a not-found is always "Record not found", so that what does
// not exist and what the viewer may not see cannot be told apart; a malformed body is
// 400 and an over-long one 413; anything else is logged and answered 500 without its details.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		Message(w, http.StatusRequestEntityTooLarge, "The request body is too large")
		return
	}
	if errors.Is(err, params.ErrMalformed) {
		Message(w, http.StatusBadRequest, err.Error())
		return
	}
	if errors.Is(err, auth.ErrInvalidToken) {
		Message(w, http.StatusUnauthorized, InvalidToken)
		return
	}
	e := apperr.As(err)
	switch e.Code {
	case apperr.NotFound:
		Message(w, http.StatusNotFound, NotFound)
	case apperr.Internal:
		logger(r.Context()).ErrorContext(r.Context(), "mastodon api", "method", r.Method, "path", r.URL.Path, "err", err)
		Message(w, http.StatusInternalServerError, internalError)
	default:
		Message(w, e.HTTPStatus(), e.Message)
	}
}

type loggerKey struct{}

// WithLogger is middleware that gives Error a logger for the failures it must report.
func WithLogger(l *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), loggerKey{}, l)))
		})
	}
}

func logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok && l != nil {
		return l
	}
	return slog.Default()
}
