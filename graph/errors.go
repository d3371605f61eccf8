package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// presentError gives every error an extensions.code. Errors that are not apperr.Errors
// are internal: their text goes to the log, and the client gets a generic message.
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions != nil && gqlErr.Extensions["code"] != nil {
			return gqlErr // parse, validation and limit errors already carry a code
		}
		var ae *apperr.Error
		switch {
		case errors.Is(err, auth.ErrInvalidToken):
			ae = apperr.New(apperr.Unauthenticated, "%s", err.Error())
		case errors.As(err, &ae):
		default:
			ae = apperr.As(err)
		}
		if ae.Code == apperr.Internal {
			logger.ErrorContext(ctx, "graphql resolver failed", "path", gqlErr.Path.String(), "error", err)
		}
		gqlErr.Message = ae.Message
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["code"] = string(ae.Code)
		return gqlErr
	}
}

func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql resolver panicked", "panic", fmt.Sprint(p))
		return apperr.New(apperr.Internal, "internal server error")
	}
}

// authDirective implements @auth(scope:): the field needs a signed-in user whose token
// carries the scope.
func authDirective(ctx context.Context, _ any, next graphql.Resolver, scope string) (any, error) {
	v := auth.FromContext(ctx)
	switch {
	case v == nil:
		return nil, apperr.New(apperr.Unauthenticated, "this needs a signed-in user")
	case v.UserID == "":
		return nil, apperr.Forbiddenf("this needs a user token, not an application token")
	case !v.Scopes.Allows(scope):
		return nil, apperr.Forbiddenf("the access token lacks the %s scope", scope)
	}
	return next(ctx)
}
