package transport

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"
)

const apAccept = `application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`

func TestGetGuard(t *testing.T) {
	var seen counter
	srv := httptest.NewServer(seen.wrap(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/activity+json")
		fmt.Fprint(w, `{"id":"x"}`)
	}))
	defer srv.Close()
	p := netip.MustParsePrefix

	for _, tc := range []struct {
		name    string
		cfg     Config
		wantErr error
	}{
		{"loopback refused by default", Config{}, ErrForbiddenAddress},
		{"loopback allowed", Config{AllowIPs: loopback}, nil},
		{"block wins over allow", Config{AllowIPs: loopback, BlockIPs: []netip.Prefix{p("127.0.0.1/32")}}, ErrForbiddenAddress},
		{"allow too narrow", Config{AllowIPs: []netip.Prefix{p("127.0.0.2/32")}}, ErrForbiddenAddress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := seen.get("/actor")
			resp, err := New(tc.cfg).Get(context.Background(), srv.URL+"/actor", nil, apAccept)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr != nil {
				if Retryable(err) {
					t.Error("a forbidden address is retryable")
				}
				if seen.get("/actor") != before {
					t.Error("the server was reached")
				}
				return
			}
			if string(resp.Body) != `{"id":"x"}` || resp.ContentType != "application/activity+json" ||
				resp.StatusCode != 200 || resp.FinalURL != srv.URL+"/actor" {
				t.Fatalf("response = %+v", resp)
			}
		})
	}
}

func TestGetRedirects(t *testing.T) {
	v := verifier(t)
	var seen counter
	mux := http.NewServeMux()
	var srvURL string
	mux.HandleFunc("/a", seen.wrap(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b?page=1", http.StatusFound) }))
	mux.HandleFunc("/b", seen.wrap(func(w http.ResponseWriter, r *http.Request) {
		// Each hop must carry a signature for its own target: /a sends
		// here with page=1, signed; other tests arrive unsigned.
		if r.URL.Query().Get("page") == "1" || r.Header.Get("Signature") != "" {
			if _, err := v.Verify(r.Context(), r, nil); err != nil {
				http.Error(w, err.Error(), http.StatusUnauthorized)
				return
			}
		}
		fmt.Fprint(w, "b")
	}))
	mux.HandleFunc("/loop", seen.wrap(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) }))
	mux.HandleFunc("/to-private", seen.wrap(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(srvURL, "127.0.0.1", "127.0.0.2", 1)+"/b", http.StatusFound)
	}))
	mux.HandleFunc("/to-metadata", seen.wrap(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	}))
	mux.HandleFunc("/to-ftp", seen.wrap(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/", http.StatusFound)
	}))
	mux.HandleFunc("/to-userinfo", seen.wrap(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://user:pw@"+strings.TrimPrefix(srvURL, "http://")+"/b", http.StatusFound)
	}))
	mux.HandleFunc("/inbox", seen.wrap(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusTemporaryRedirect) }))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	srvURL = srv.URL

	only127001 := func(c *Config) { c.AllowIPs = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")} }
	c := loopbackClient(only127001)
	ctx := context.Background()

	t.Run("followed and re-signed", func(t *testing.T) {
		resp, err := c.Get(ctx, srv.URL+"/a", signer(t), apAccept)
		if err != nil {
			t.Fatal(err)
		}
		if string(resp.Body) != "b" || resp.FinalURL != srv.URL+"/b?page=1" {
			t.Fatalf("response = %+v", resp)
		}
	})
	for _, tc := range []struct {
		path    string
		wantErr error
	}{
		{"/loop", ErrTooManyRedirects},
		{"/to-private", ErrForbiddenAddress},
		{"/to-metadata", ErrForbiddenAddress},
		{"/to-ftp", ErrBadURL},
		{"/to-userinfo", ErrBadURL},
	} {
		t.Run(tc.path, func(t *testing.T) {
			_, err := c.Get(ctx, srv.URL+tc.path, nil, apAccept)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if Retryable(err) {
				t.Errorf("%v is retryable", err)
			}
		})
	}
	if n := seen.get("/loop"); n != DefaultMaxRedirects+1 {
		t.Errorf("/loop requested %d times, want %d", n, DefaultMaxRedirects+1)
	}
	t.Run("no redirects configured", func(t *testing.T) {
		_, err := loopbackClient(func(c *Config) { c.MaxRedirects = -1 }).Get(ctx, srv.URL+"/a", nil, "")
		var se *StatusError
		if !errors.As(err, &se) || se.Code != http.StatusFound {
			t.Fatalf("err = %v, want a 302 StatusError", err)
		}
	})
	t.Run("POST is never redirected", func(t *testing.T) {
		before := seen.get("/b")
		err := c.Post(ctx, srv.URL+"/inbox", signer(t), "application/activity+json", []byte(`{}`))
		var se *StatusError
		if !errors.As(err, &se) || se.Code != http.StatusTemporaryRedirect {
			t.Fatalf("err = %v, want a 307 StatusError", err)
		}
		if Retryable(err) {
			t.Error("a redirected delivery is retryable")
		}
		if seen.get("/b") != before {
			t.Error("the redirect target was reached")
		}
	})
}

func TestHTTPSDowngradeRefused(t *testing.T) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "plain") }))
	defer plain.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			fmt.Fprint(w, "secure")
			return
		}
		http.Redirect(w, r, plain.URL+"/", http.StatusFound)
	}))
	defer tlsSrv.Close()
	c := loopbackClient(func(c *Config) { c.TLSClientConfig = tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig })
	if resp, err := c.Get(context.Background(), tlsSrv.URL+"/ok", nil, ""); err != nil || string(resp.Body) != "secure" {
		t.Fatalf("https GET: %v", err)
	}
	if _, err := c.Get(context.Background(), tlsSrv.URL+"/", nil, ""); !errors.Is(err, ErrBadURL) {
		t.Fatalf("err = %v, want ErrBadURL for an https→http redirect", err)
	}
}

func TestBodyLimit(t *testing.T) {
	const limit = 1000
	mux := http.NewServeMux()
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) { w.Write(bytes.Repeat([]byte("a"), limit)) })
	mux.HandleFunc("/declared", func(w http.ResponseWriter, r *http.Request) { w.Write(bytes.Repeat([]byte("a"), limit+1)) })
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		// Flushing before the end forces chunked encoding: no Content-Length.
		for range 1000 {
			if _, err := w.Write(bytes.Repeat([]byte("a"), 1000)); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Error("client did not offer gzip")
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(make([]byte, 10<<20)) // 10 MiB of zeros, ~10 KiB on the wire
		zw.Close()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := loopbackClient(func(c *Config) { c.MaxBodyBytes = limit })
	ctx := context.Background()

	for _, tc := range []struct {
		path    string
		opts    FetchOptions
		wantErr error
	}{
		{"/exact", FetchOptions{}, nil},
		{"/declared", FetchOptions{}, ErrTooLarge},
		{"/chunked", FetchOptions{}, ErrTooLarge},
		{"/gzip-bomb", FetchOptions{}, ErrTooLarge},
		{"/exact", FetchOptions{MaxBodyBytes: limit - 1}, ErrTooLarge},
		{"/declared", FetchOptions{MaxBodyBytes: 10 * limit}, ErrTooLarge}, // options never raise the cap
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := c.Fetch(ctx, srv.URL+tc.path, tc.opts)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err != nil && Retryable(err) {
				t.Error("an oversized body is retryable")
			}
			if err == nil && len(resp.Body) != limit {
				t.Fatalf("read %d bytes", len(resp.Body))
			}
		})
	}
}

func TestTimeouts(t *testing.T) {
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		// The server notices a vanished client only once the body is read.
		io.Copy(io.Discard, r.Body)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		for {
			if _, err := w.Write([]byte("a")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-release:
				return
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release) // before srv.Close waits for the handlers
	c := loopbackClient(func(c *Config) { c.Timeout = 300 * time.Millisecond })

	for _, path := range []string{"/slow-headers", "/slow-body"} {
		t.Run(path, func(t *testing.T) {
			start := time.Now()
			_, err := c.Get(context.Background(), srv.URL+path, nil, "")
			if err == nil {
				t.Fatal("no timeout")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("took %s with a 300ms timeout", d)
			}
			if !Retryable(err) {
				t.Errorf("timeout %v is not retryable", err)
			}
		})
	}
	t.Run("POST", func(t *testing.T) {
		err := c.Post(context.Background(), srv.URL+"/slow-headers", signer(t), "application/activity+json", []byte(`{}`))
		if err == nil || !Retryable(err) {
			t.Fatalf("err = %v, want a retryable timeout", err)
		}
	})
}

func TestPostSigned(t *testing.T) {
	v := verifier(t)
	body := []byte(`{"@context":"https://www.w3.org/ns/activitystreams","type":"Follow"}`)
	var got struct {
		keyID, contentType, ua string
		body                   []byte
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		verified, err := v.Verify(r.Context(), r, b)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		got.keyID, got.contentType, got.ua, got.body = verified.KeyID, r.Header.Get("Content-Type"), r.UserAgent(), b
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	c := loopbackClient()
	if err := c.Post(context.Background(), srv.URL+"/users/bob/inbox", signer(t), "application/activity+json", body); err != nil {
		t.Fatal(err)
	}
	if got.keyID != testKeyID || got.contentType != "application/activity+json" || got.ua != "fedigraph-test" || !bytes.Equal(got.body, body) {
		t.Fatalf("server saw %+v", got)
	}
	if err := c.Post(context.Background(), srv.URL+"/inbox", nil, "application/activity+json", body); !errors.Is(err, ErrUnsigned) {
		t.Fatalf("unsigned Post: err = %v", err)
	}
}

// A server that verifies (request-target) without the query string refuses
// the first attempt; the client retries once signing the path alone.
func TestSignedGetRetriesWithoutQuery(t *testing.T) {
	v := verifier(t)
	attempts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts++
		r2 := r.Clone(r.Context())
		r2.URL.RawQuery = ""
		// With the query gone, only a signature over the bare path verifies.
		if _, err := v.Verify(r2.Context(), r2, nil); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, "page")
	}))
	defer srv.Close()
	resp, err := loopbackClient().Get(context.Background(), srv.URL+"/outbox?page=true", signer(t), apAccept)
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "page" || attempts != 2 {
		t.Fatalf("body %q after %d attempts", resp.Body, attempts)
	}
}

func TestStatusErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		if ra := r.URL.Query().Get("retry-after"); ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		w.WriteHeader(code)
	}))
	defer srv.Close()
	c := loopbackClient(func(c *Config) { c.MaxRedirects = -1 })
	ctx := context.Background()
	for _, tc := range []struct {
		code       int
		query      string
		retryable  bool
		retryAfter time.Duration
	}{
		{200, "", false, 0},
		{202, "", false, 0},
		{204, "", false, 0},
		{301, "", false, 0},
		{400, "", false, 0},
		{401, "", false, 0},
		{403, "", false, 0},
		{404, "", false, 0},
		{408, "", true, 0},
		{410, "", false, 0},
		{422, "", false, 0},
		{429, "?retry-after=120", true, 2 * time.Minute},
		{500, "", true, 0},
		{502, "", true, 0},
		{503, "?retry-after=" + strings.ReplaceAll(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), " ", "%20"), true, time.Hour},
		{504, "", true, 0},
	} {
		t.Run(strconv.Itoa(tc.code), func(t *testing.T) {
			url := srv.URL + "/" + strconv.Itoa(tc.code) + tc.query
			for method, err := range map[string]error{
				"POST": c.Post(ctx, url, signer(t), "application/activity+json", []byte(`{}`)),
				"GET":  func() error { _, err := c.Get(ctx, url, nil, ""); return err }(),
			} {
				if tc.code < 300 {
					if err != nil {
						t.Errorf("%s: %v", method, err)
					}
					continue
				}
				var se *StatusError
				if !errors.As(err, &se) || se.Code != tc.code || se.URL != url {
					t.Fatalf("%s: err = %v, want StatusError %d", method, err, tc.code)
				}
				if Retryable(err) != tc.retryable {
					t.Errorf("%s: Retryable = %v", method, !tc.retryable)
				}
				if d := se.RetryAfter - tc.retryAfter; d < -2*time.Second || d > 2*time.Second {
					t.Errorf("%s: RetryAfter = %s, want %s", method, se.RetryAfter, tc.retryAfter)
				}
			}
		})
	}
}

func TestRetryable(t *testing.T) {
	// A port with nothing listening: a real connection-refused error.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	closedURL := "http://" + l.Addr().String() + "/"
	l.Close()
	_, refused := loopbackClient().Get(context.Background(), closedURL, nil, "")

	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"connection refused", refused, true},
		{"deadline", fmt.Errorf("x: %w", context.DeadlineExceeded), true},
		{"unexpected EOF", fmt.Errorf("read body: %w", io.ErrUnexpectedEOF), true},
		{"forbidden address", fmt.Errorf("dial: %w", ErrForbiddenAddress), false},
		{"too large", ErrTooLarge, false},
		{"bad url", ErrBadURL, false},
		{"too many redirects", ErrTooManyRedirects, false},
		{"unsigned", ErrUnsigned, false},
		{"500", &StatusError{Code: 500}, true},
		{"429 wrapped", fmt.Errorf("deliver: %w", &StatusError{Code: 429}), true},
		{"404", &StatusError{Code: 404}, false},
		{"other", errors.New("something else"), false},
	} {
		if got := Retryable(tc.err); got != tc.want {
			t.Errorf("%s (%v): Retryable = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}

func TestBadURLs(t *testing.T) {
	c := loopbackClient()
	for _, u := range []string{
		"ftp://example.org/file",
		"https://user:pw@example.org/",
		"/relative/path",
		"https:///no-host",
		"http://[::1",
		"javascript:alert(1)",
		"",
	} {
		_, getErr := c.Get(context.Background(), u, nil, "")
		postErr := c.Post(context.Background(), u, signer(t), "application/activity+json", []byte(`{}`))
		for _, err := range []error{getErr, postErr} {
			if !errors.Is(err, ErrBadURL) || Retryable(err) {
				t.Errorf("%q: err = %v, want a permanent ErrBadURL", u, err)
			}
		}
	}
}

func TestHTTPClientSharesGuard(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ua = r.UserAgent() }))
	defer srv.Close()

	resp, err := loopbackClient().HTTPClient().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ua != "fedigraph-test" {
		t.Errorf("User-Agent = %q", ua)
	}
	if _, err := New(Config{}).HTTPClient().Get(srv.URL); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("HTTPClient reached loopback: %v", err)
	}
	if _, err := New(Config{}).DialContext(context.Background(), "tcp", srv.Listener.Addr().String()); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("DialContext reached loopback: %v", err)
	}
	if _, err := New(Config{}).Dialer().Dial("tcp", srv.Listener.Addr().String()); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("Dialer reached loopback: %v", err)
	}
	if err := New(Config{}).CheckAddress(netip.MustParseAddr("10.0.0.1")); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("CheckAddress(10.0.0.1) = %v", err)
	}
}
