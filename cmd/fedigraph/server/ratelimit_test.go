package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestRateLimitAnswers429PerClientOnTheClientAPIs(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	h := rateLimit(3, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")})(ok)
	get := func(path, peer string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.RemoteAddr = peer
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	for i := range 3 {
		if w := get("/api/v1/timelines/home", "203.0.113.9:1000"); w.Code != http.StatusOK || w.Header().Get("X-RateLimit-Limit") != "3" {
			t.Fatalf("request %d: %d, limit header %q", i+1, w.Code, w.Header().Get("X-RateLimit-Limit"))
		}
	}
	w := get("/graphql", "203.0.113.9:1001")
	var body map[string]string
	if w.Code != http.StatusTooManyRequests || json.Unmarshal(w.Body.Bytes(), &body) != nil || body["error"] == "" ||
		w.Header().Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("4th request: %d %q, remaining %q; want 429 with a JSON error", w.Code, w.Body, w.Header().Get("X-RateLimit-Remaining"))
	}
	for _, tc := range []struct{ name, path, peer string }{
		{"another client", "/api/v1/timelines/home", "198.51.100.7:1000"},
		{"an exempt network", "/api/v1/timelines/home", "10.1.2.3:1000"},
		{"federation", "/users/alice/inbox", "203.0.113.9:1000"},
		{"media files", "/media/abc", "203.0.113.9:1000"},
	} {
		if w := get(tc.path, tc.peer); w.Code != http.StatusOK {
			t.Errorf("%s: %d, want 200", tc.name, w.Code)
		}
	}
	off := rateLimit(0, nil)(ok)
	for i := range 10 {
		w := httptest.NewRecorder()
		off.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/timelines/home", nil))
		if w.Code != http.StatusOK {
			t.Fatalf("with limiting off, request %d answered %d", i+1, w.Code)
		}
	}
}
