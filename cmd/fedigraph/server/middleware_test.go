package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestRealIPBelievesOnlyTrustedProxies(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8")}
	for _, tc := range []struct {
		name, peer, forwarded, want string
	}{
		{"direct client", "203.0.113.9:5000", "", "203.0.113.9:5000"},
		{"untrusted peer cannot claim an address", "203.0.113.9:5000", "198.51.100.1", "203.0.113.9:5000"},
		{"trusted proxy", "127.0.0.1:5000", "198.51.100.1", "198.51.100.1:0"},
		{"client spoofs through a proxy: the proxy's view wins", "127.0.0.1:5000", "6.6.6.6, 198.51.100.1", "198.51.100.1:0"},
		{"chain of trusted proxies", "127.0.0.1:5000", "198.51.100.1, 10.1.2.3", "198.51.100.1:0"},
		{"garbled header", "127.0.0.1:5000", "not-an-ip", "127.0.0.1:5000"},
		{"IPv4-mapped peer", "[::ffff:127.0.0.1]:5000", "198.51.100.1", "198.51.100.1:0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			h := realIP(trusted)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = r.RemoteAddr }))
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.RemoteAddr = tc.peer
			if tc.forwarded != "" {
				req.Header.Set("X-Forwarded-For", tc.forwarded)
			}
			h.ServeHTTP(httptest.NewRecorder(), req)
			if got != tc.want {
				t.Errorf("RemoteAddr = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPanicsBecome500(t *testing.T) {
	h := recoverPanics(slog.New(slog.NewTextHandler(io.Discard, nil)))(
		http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", rec.Code)
	}
}

func TestBodiesAreLimited(t *testing.T) {
	for _, tc := range []struct {
		name, path, contentType string
		size                    int
		ok                      bool
	}{
		{"ordinary body over the limit", "/", "application/json", 20, false},
		{"multipart body elsewhere", "/api/v1/statuses", "multipart/form-data; boundary=x", 20, false},
		{"upload within the upload limit", "/api/v2/media", "multipart/form-data; boundary=x", 50, true},
		{"upload over the upload limit", "/api/v2/media", "multipart/form-data; boundary=x", 200, false},
		{"json to an upload route", "/api/v2/media", "application/json", 50, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var readErr error
			h := limitBody(10, 100)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				_, readErr = io.ReadAll(r.Body)
			}))
			req := httptest.NewRequest(http.MethodPost, tc.path, strings.NewReader(strings.Repeat("x", tc.size)))
			req.Header.Set("Content-Type", tc.contentType)
			h.ServeHTTP(httptest.NewRecorder(), req)
			if (readErr == nil) != tc.ok {
				t.Errorf("read error %v, want ok=%v", readErr, tc.ok)
			}
		})
	}
}
