package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

var (
	// ErrForbiddenAddress: the host resolved to an address the SSRF guard
	// refuses (private, loopback, reserved, or in Config.BlockIPs).
	ErrForbiddenAddress = errors.New("transport: address not allowed")
	// ErrTooLarge: the response body is larger than the cap.
	ErrTooLarge = errors.New("transport: response body too large")
	// ErrBadURL: not an absolute http(s) URL, userinfo present, or a
	// redirect from https to http.
	ErrBadURL = errors.New("transport: bad URL")
	// ErrTooManyRedirects: a GET was redirected more than MaxRedirects times.
	ErrTooManyRedirects = errors.New("transport: too many redirects")
	// ErrUnsigned: Post was called without a signer.
	ErrUnsigned = errors.New("transport: deliveries must be signed")
)

// StatusError is a response outside 2xx.
type StatusError struct {
	URL        string
	Code       int
	RetryAfter time.Duration // from Retry-After, 0 when absent
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("transport: %s answered %d %s", e.URL, e.Code, http.StatusText(e.Code))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Retryable reports whether a failed request may succeed later: network
// errors, timeouts, 5xx, 429 and 408 are; other 4xx (and 3xx), forbidden
// addresses, oversized bodies, bad URLs and redirect loops are not.
func Retryable(err error) bool {
	if err == nil {
		return false
	}
	for _, permanent := range []error{ErrForbiddenAddress, ErrTooLarge, ErrBadURL, ErrTooManyRedirects, ErrUnsigned} {
		if errors.Is(err, permanent) {
			return false
		}
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code >= 500 || se.Code == http.StatusTooManyRequests || se.Code == http.StatusRequestTimeout
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	var ne net.Error
	var ue *url.Error
	// A *url.Error from http.Client.Do is a transport failure: refused or
	// reset connections, DNS failures, TLS errors. Certificates get fixed
	// and domains come back, so retry (the queue's attempt cap ends it).
	return errors.As(err, &ne) || errors.As(err, &ue)
}

func statusError(rawURL string, resp *http.Response) *StatusError {
	return &StatusError{URL: rawURL, Code: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
}

// retryAfter parses Retry-After: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, int64(7*24*time.Hour/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
