package server

import (
	"encoding/json"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/go-chi/httprate"
)

// rateLimitWindow is the window GoToSocial and Mastodon count requests over.
const rateLimitWindow = 5 * time.Minute

// rateLimitedPrefixes are the paths people's clients use. Federation (inboxes,
// actors, collections — signed by servers that deliver in bursts), media files and
// health checks are not limited here.
var rateLimitedPrefixes = []string{"/api/", "/oauth/", "/auth/", "/graphql"}

// rateLimit answers 429, with Mastodon's JSON error and X-RateLimit-* headers, to a
// client IP that made more than requests requests to the client APIs in the last five
// minutes (a sliding window). requests ≤ 0 turns it off; exceptions are never
// limited. Counters live in each process: behind a load balancer of n processes a
// client gets up to n times the limit.
func rateLimit(requests int, exceptions []netip.Prefix) func(http.Handler) http.Handler {
	if requests <= 0 {
		return func(next http.Handler) http.Handler { return next }
	}
	limiter := httprate.NewRateLimiter(requests, rateLimitWindow,
		httprate.WithKeyFuncs(clientIP),
		httprate.WithLimitHandler(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(http.StatusTooManyRequests)
			json.NewEncoder(w).Encode(map[string]string{"error": "Too many requests"})
		}),
	)
	return func(next http.Handler) http.Handler {
		limited := limiter.Handler(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !limitedPath(r.URL.Path) || exempt(r, exceptions) {
				next.ServeHTTP(w, r)
				return
			}
			limited.ServeHTTP(w, r)
		})
	}
}

func limitedPath(path string) bool {
	for _, p := range rateLimitedPrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// clientIP keys the limit by the client address realIP settled on.
func clientIP(r *http.Request) (string, error) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr, nil
	}
	return host, nil
}

func exempt(r *http.Request, exceptions []netip.Prefix) bool {
	host, _ := clientIP(r)
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	for _, p := range exceptions {
		if p.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}
