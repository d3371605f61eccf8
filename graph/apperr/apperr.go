// Package apperr is fedigraph's one error type: it knows the HTTP status a REST surface
// should answer with and the code a GraphQL error carries in extensions.code, so every
// surface reports the same failure the same way.
package apperr

import (
	"errors"
	"fmt"
	"net/http"
)

// Code is a GraphQL extensions.code value.
type Code string

// Codes used across fedigraph, with the HTTP status each maps to.
const (
	BadInput        Code = "BAD_USER_INPUT"
	Unauthenticated Code = "UNAUTHENTICATED"
	Forbidden       Code = "FORBIDDEN"
	NotFound        Code = "NOT_FOUND"
	Conflict        Code = "CONFLICT"
	RateLimited     Code = "RATE_LIMITED"
	Internal        Code = "INTERNAL_SERVER_ERROR"
)

var httpStatus = map[Code]int{
	BadInput:        http.StatusUnprocessableEntity,
	Unauthenticated: http.StatusUnauthorized,
	Forbidden:       http.StatusForbidden,
	NotFound:        http.StatusNotFound,
	Conflict:        http.StatusConflict,
	RateLimited:     http.StatusTooManyRequests,
	Internal:        http.StatusInternalServerError,
}

// Error is a failure a user can be told about.
type Error struct {
	Code    Code
	Message string // safe to show to the user
	Err     error  // the cause, for logs; never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// HTTPStatus is the status a REST surface answers with.
func (e *Error) HTTPStatus() int {
	if s, ok := httpStatus[e.Code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// New makes an Error with a user-facing message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap makes an Error with a user-facing message and a cause for the logs.
func Wrap(code Code, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// As finds the Error in err's chain. Anything else is an internal error whose details
// stay in the logs.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: "internal server error", Err: err}
}

// Is reports whether err is an Error with the code.
func Is(err error, code Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// Shorthands for the common cases.

// NotFoundf reports that something does not exist or the viewer may not see it; the
// two are deliberately indistinguishable.
func NotFoundf(format string, args ...any) *Error { return New(NotFound, format, args...) }

// BadInputf reports invalid input.
func BadInputf(format string, args ...any) *Error { return New(BadInput, format, args...) }

// Forbiddenf reports an action the viewer may not take.
func Forbiddenf(format string, args ...any) *Error { return New(Forbidden, format, args...) }
