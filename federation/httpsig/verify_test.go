package httpsig

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	gofed "github.com/go-fed/httpsig"
)

const (
	inboxURL = "https://fedi.example/users/bob/inbox"
	getURL   = "https://fedi.example/users/bob/outbox?page=true&min_id=0"
)

var activity = []byte(`{"type":"Follow","actor":"https://remote.example/users/alice","object":"https://fedi.example/users/bob"}`)

func TestVerify(t *testing.T) {
	testKeys(t)
	rsaPost := []string{gofed.RequestTarget, "host", "date", "digest"}

	// signed returns a builder: a request signed by Signer{key}, optionally
	// changed before it goes over the wire, and the body the server reads.
	signed := func(method, url string, body []byte, mutate func(*http.Request)) func(t *testing.T) (*http.Request, []byte) {
		return func(t *testing.T) (*http.Request, []byte) {
			req := newClientRequest(t, method, url, body)
			if err := (Signer{KeyID: testKeyID, Key: keyOld}).SignRequest(req, body); err != nil {
				t.Fatal(err)
			}
			if mutate != nil {
				mutate(req)
			}
			return overTheWire(t, req, body), body
		}
	}
	// signedAt signs a request dated fixedNow+d.
	signedAt := func(method, url string, body []byte, d time.Duration) func(t *testing.T) (*http.Request, []byte) {
		return func(t *testing.T) (*http.Request, []byte) {
			req := newClientRequest(t, method, url, body)
			req.Header.Set("Date", fixedNow.Add(d).Format(http.TimeFormat))
			if err := (Signer{KeyID: testKeyID, Key: keyOld}).SignRequest(req, body); err != nil {
				t.Fatal(err)
			}
			return overTheWire(t, req, body), body
		}
	}
	withBody := func(build func(t *testing.T) (*http.Request, []byte), body []byte) func(t *testing.T) (*http.Request, []byte) {
		return func(t *testing.T) (*http.Request, []byte) {
			req, _ := build(t)
			return req, body
		}
	}
	gofedSigned := func(method, url string, body []byte, key crypto.PrivateKey, alg gofed.Algorithm, dAlg gofed.DigestAlgorithm, headers []string, label string) func(t *testing.T) (*http.Request, []byte) {
		return func(t *testing.T) (*http.Request, []byte) {
			req := newClientRequest(t, method, url, body)
			signWithGofed(t, req, key, alg, dAlg, headers, body, 0, label)
			return overTheWire(t, req, body), body
		}
	}
	setHeader := func(k, v string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set(k, v) }
	}
	editSignature := func(old, new string) func(*http.Request) {
		return func(r *http.Request) {
			r.Header.Set("Signature", strings.Replace(r.Header.Get("Signature"), old, new, 1))
		}
	}

	cases := []struct {
		name        string
		build       func(t *testing.T) (*http.Request, []byte)
		keys        []crypto.PublicKey // first resolve, refresh (default: keyOld's)
		resolveErr  error
		refreshErr  error
		verifier    Verifier
		wantErr     error
		wantAlg     string
		wantCalls   int // resolver calls; -1 means do not check
		wantRefresh int
	}{
		{name: "GET round trip", build: signed("GET", getURL, nil, nil), wantAlg: "rsa-sha256", wantCalls: 1},
		{name: "POST round trip", build: signed("POST", inboxURL, activity, nil), wantAlg: "rsa-sha256", wantCalls: 1},
		{name: "POST with empty body", build: signed("POST", inboxURL, []byte{}, nil), wantAlg: "rsa-sha256", wantCalls: 1},
		{name: "Authorization: Signature header", wantAlg: "rsa-sha256", wantCalls: 1,
			build: signed("POST", inboxURL, activity, func(r *http.Request) {
				r.Header.Set("Authorization", "Signature "+r.Header.Get("Signature"))
				r.Header.Del("Signature")
			})},
		{name: "spaces after commas", wantAlg: "rsa-sha256", wantCalls: 1,
			build: signed("POST", inboxURL, activity, func(r *http.Request) {
				r.Header.Set("Signature", strings.ReplaceAll(r.Header.Get("Signature"), `",`, `", `))
			})},
		{name: "tampered body", build: withBody(signed("POST", inboxURL, activity, nil), []byte(`{"type":"Delete"}`)), wantErr: ErrBadDigest},
		{name: "tampered digest header", wantErr: ErrBadDigest,
			build: signed("POST", inboxURL, activity, setHeader("Digest", "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="))},
		{name: "missing digest on POST", wantErr: ErrBadDigest,
			build: withBody(signed("POST", inboxURL, nil, nil), activity)},
		{name: "digest present but not signed", wantErr: ErrBadDigest,
			build: func(t *testing.T) (*http.Request, []byte) {
				req := newClientRequest(t, "POST", inboxURL, activity)
				signWithGofed(t, req, keyOld, gofed.RSA_SHA256, gofed.DigestSha256, []string{gofed.RequestTarget, "host", "date"}, nil, 0, "")
				req.Header.Set("Digest", "SHA-256=irrelevant")
				return overTheWire(t, req, activity), activity
			}},
		{name: "digest signed but header removed", wantErr: ErrBadDigest,
			build: signed("POST", inboxURL, activity, func(r *http.Request) { r.Header.Del("Digest") })},
		{name: "SHA-512 digest", wantAlg: "rsa-sha256", wantCalls: 1,
			build: gofedSigned("POST", inboxURL, activity, keyOld, gofed.RSA_SHA256, gofed.DigestSha512, rsaPost, "rsa-sha256")},
		{name: "unknown digest algorithm only", wantErr: ErrBadDigest,
			build: signed("POST", inboxURL, activity, setHeader("Digest", "MD5=xyz"))},

		{name: "date 1h04m old accepted", build: signedAt("GET", getURL, nil, -64*time.Minute), wantAlg: "rsa-sha256", wantCalls: 1},
		{name: "stale date", build: signedAt("GET", getURL, nil, -66*time.Minute), wantErr: ErrDateSkew},
		{name: "date 59m ahead accepted", build: signedAt("GET", getURL, nil, 59*time.Minute), wantAlg: "rsa-sha256", wantCalls: 1},
		{name: "future date", build: signedAt("POST", inboxURL, activity, 61*time.Minute), wantErr: ErrDateSkew},
		{name: "custom window", build: signedAt("GET", getURL, nil, -3*time.Minute), verifier: Verifier{MaxSkew: time.Minute, MaxAge: time.Minute}, wantErr: ErrDateSkew},
		{name: "date header removed", build: signed("GET", getURL, nil, func(r *http.Request) { r.Header.Del("Date") }), wantErr: ErrDateSkew},
		{name: "unparsable date", build: signed("GET", getURL, nil, setHeader("Date", "yesterday")), wantErr: ErrDateSkew},
		{name: "date not signed", wantErr: ErrDateSkew,
			build: gofedSigned("POST", inboxURL, activity, keyOld, gofed.RSA_SHA256, gofed.DigestSha256, []string{gofed.RequestTarget, "host", "digest"}, "")},

		{name: "wrong key", build: signed("POST", inboxURL, activity, nil), keys: []crypto.PublicKey{&keyNew.PublicKey}, wantErr: ErrBadSignature, wantCalls: 2, wantRefresh: 1},
		{name: "key rotation", build: signed("POST", inboxURL, activity, nil), keys: []crypto.PublicKey{&keyNew.PublicKey, &keyOld.PublicKey}, wantAlg: "rsa-sha256", wantCalls: 2, wantRefresh: 1},
		{name: "resolver fails", build: signed("POST", inboxURL, activity, nil), resolveErr: errGone, wantErr: ErrKeyUnavailable, wantCalls: 1},
		{name: "refresh returns the same key", build: signed("POST", inboxURL, activity, nil), keys: []crypto.PublicKey{&keyNew.PublicKey}, wantErr: ErrBadSignature, wantCalls: 2, wantRefresh: 1},
		{name: "refresh fails", build: signed("POST", inboxURL, activity, nil), keys: []crypto.PublicKey{&keyNew.PublicKey}, refreshErr: errGone, wantErr: ErrKeyUnavailable, wantCalls: 2, wantRefresh: 1},
		{name: "resolver returns no key", build: signed("GET", getURL, nil, nil), keys: []crypto.PublicKey{nil}, wantErr: ErrKeyUnavailable, wantCalls: 2, wantRefresh: 1},
		{name: "signed for another host", build: signed("POST", inboxURL, activity, nil), verifier: Verifier{Host: "other.example"}, wantErr: ErrBadSignature},
		{name: "host matches", build: signed("POST", inboxURL, activity, nil), verifier: Verifier{Host: "FEDI.example:443"}, wantAlg: "rsa-sha256", wantCalls: 1},
		{name: "path changed", wantErr: ErrBadSignature, wantCalls: 2, wantRefresh: 1,
			build: func(t *testing.T) (*http.Request, []byte) {
				req, body := signed("POST", inboxURL, activity, nil)(t)
				req.URL.Path = "/inbox"
				return req, body
			}},

		{name: "unknown algorithm", build: signed("GET", getURL, nil, editSignature(`algorithm="rsa-sha256"`, `algorithm="hmac-sha256"`)), wantErr: ErrUnsupportedAlgorithm},
		{name: "rsa-sha512", wantAlg: "rsa-sha512", wantCalls: 1,
			build: gofedSigned("POST", inboxURL, activity, keyOld, gofed.RSA_SHA512, gofed.DigestSha256, rsaPost, "rsa-sha512")},
		{name: "hs2019 with RSA-SHA512", wantAlg: "rsa-sha512", wantCalls: 1,
			build: gofedSigned("POST", inboxURL, activity, keyOld, gofed.RSA_SHA512, gofed.DigestSha256, rsaPost, "")},
		{name: "hs2019 with RSA-SHA256 (go-fed, GoToSocial)", wantAlg: "rsa-sha256", wantCalls: 1,
			build: gofedSigned("POST", inboxURL, activity, keyOld, gofed.RSA_SHA256, gofed.DigestSha256, rsaPost, "")},
		{name: "rsa-sha256 label on a SHA-512 signature", wantErr: ErrBadSignature, wantCalls: 2, wantRefresh: 1,
			build: gofedSigned("POST", inboxURL, activity, keyOld, gofed.RSA_SHA512, gofed.DigestSha256, rsaPost, "rsa-sha256")},
		{name: "ed25519", keys: []crypto.PublicKey{edPub}, wantAlg: "ed25519", wantCalls: 1,
			build: gofedSigned("POST", inboxURL, activity, edPriv, gofed.ED25519, gofed.DigestSha256, rsaPost, "ed25519")},
		{name: "hs2019 with Ed25519 key", keys: []crypto.PublicKey{edPub}, wantAlg: "ed25519", wantCalls: 1,
			build: gofedSigned("POST", inboxURL, activity, edPriv, gofed.ED25519, gofed.DigestSha256, rsaPost, "")},
		{name: "ed25519 label with RSA key", wantErr: ErrBadSignature, wantCalls: 2, wantRefresh: 1,
			build: signed("GET", getURL, nil, editSignature(`algorithm="rsa-sha256"`, `algorithm="ed25519"`))},

		{name: "unsigned", build: func(t *testing.T) (*http.Request, []byte) {
			return overTheWire(t, newClientRequest(t, "POST", inboxURL, activity), activity), activity
		}, wantErr: ErrUnsigned},
		{name: "bearer authorization is unsigned", build: func(t *testing.T) (*http.Request, []byte) {
			req := newClientRequest(t, "GET", getURL, nil)
			req.Header.Set("Authorization", "Bearer abc")
			return overTheWire(t, req, nil), nil
		}, wantErr: ErrUnsigned},
		{name: "garbage", build: signed("GET", getURL, nil, setHeader("Signature", "garbage")), wantErr: ErrMalformed},
		{name: "absurdly long", build: signed("GET", getURL, nil, editSignature(`keyId="`, `keyId="`+strings.Repeat("a", 9000))), wantErr: ErrMalformed},
		{name: "duplicate parameter", build: signed("GET", getURL, nil, func(r *http.Request) {
			r.Header.Set("Signature", r.Header.Get("Signature")+`,headers="date"`)
		}), wantErr: ErrMalformed},
		{name: "two Signature headers", build: signed("GET", getURL, nil, func(r *http.Request) {
			r.Header.Add("Signature", r.Header.Get("Signature"))
		}), wantErr: ErrMalformed},
		{name: "no keyId", build: signed("GET", getURL, nil, editSignature(`keyId=`, `kid=`)), wantErr: ErrMalformed},
		{name: "request-target not signed", wantErr: ErrMalformed,
			build: gofedSigned("GET", getURL, nil, keyOld, gofed.RSA_SHA256, gofed.DigestSha256, []string{"host", "date"}, "")},
		{name: "host not signed", wantErr: ErrMalformed,
			build: gofedSigned("GET", getURL, nil, keyOld, gofed.RSA_SHA256, gofed.DigestSha256, []string{gofed.RequestTarget, "date"}, "")},

		{name: "GET signed without query", wantAlg: "rsa-sha256", wantCalls: 1,
			build: func(t *testing.T) (*http.Request, []byte) {
				req := newClientRequest(t, "GET", getURL, nil)
				if err := (Signer{KeyID: testKeyID, Key: keyOld}).SignRequestOmitQuery(req, nil); err != nil {
					t.Fatal(err)
				}
				return overTheWire(t, req, nil), nil
			}},
		{name: "query changed", wantErr: ErrBadSignature, wantCalls: 2, wantRefresh: 1,
			build: func(t *testing.T) (*http.Request, []byte) {
				req, body := signed("GET", getURL, nil, nil)(t)
				req.URL.RawQuery = "page=2"
				return req, body
			}},
		{name: "percent-encoded path", wantAlg: "rsa-sha256", wantCalls: 1,
			build: signed("GET", "https://fedi.example/tags/caf%C3%A9", nil, nil)},
		{name: "percent-encoded path signed decoded (go-fed)", wantAlg: "rsa-sha256", wantCalls: 1,
			build: gofedSigned("GET", "https://fedi.example/tags/caf%C3%A9", nil, keyOld, gofed.RSA_SHA256, gofed.DigestSha256, []string{gofed.RequestTarget, "host", "date"}, "")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, body := tc.build(t)
			keys := tc.keys
			if keys == nil {
				keys = []crypto.PublicKey{&keyOld.PublicKey}
			}
			res := &resolver{keys: keys, err: tc.resolveErr, refreshErr: tc.refreshErr}
			v := tc.verifier
			v.Resolve = res.resolve
			v.Now = func() time.Time { return fixedNow }
			got, err := v.Verify(context.Background(), req, body)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
			} else {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				want := Verified{KeyID: testKeyID, Owner: testOwner, Algorithm: tc.wantAlg}
				if got != want {
					t.Fatalf("Verified = %+v, want %+v", got, want)
				}
			}
			if tc.wantCalls > 0 && res.calls != tc.wantCalls {
				t.Errorf("resolver called %d times, want %d", res.calls, tc.wantCalls)
			}
			if tc.wantCalls == 0 && tc.wantErr != nil && !errors.Is(tc.wantErr, ErrBadSignature) && !errors.Is(tc.wantErr, ErrKeyUnavailable) && res.calls != 0 {
				t.Errorf("resolver called %d times for a request refused before key lookup", res.calls)
			}
			if res.refreshs != tc.wantRefresh {
				t.Errorf("refresh calls = %d, want %d", res.refreshs, tc.wantRefresh)
			}
		})
	}
}

var errGone = errors.New("actor gone (410)")

func TestVerifyKeepsResolverError(t *testing.T) {
	testKeys(t)
	req := newClientRequest(t, "POST", inboxURL, activity)
	if err := (Signer{KeyID: testKeyID, Key: keyOld}).SignRequest(req, activity); err != nil {
		t.Fatal(err)
	}
	res := &resolver{err: errGone}
	_, err := Verifier{Resolve: res.resolve, Now: func() time.Time { return fixedNow }}.Verify(context.Background(), overTheWire(t, req, activity), activity)
	if !errors.Is(err, ErrKeyUnavailable) || !errors.Is(err, errGone) {
		t.Fatalf("err = %v, want ErrKeyUnavailable wrapping the resolver's error", err)
	}
}

// (created)/(expires) signatures as draft-cavage-12 hs2019 signers send
// them. go-fed checks these against the wall clock, so this test uses it.
func TestVerifyCreated(t *testing.T) {
	testKeys(t)
	for _, tc := range []struct {
		name    string
		headers []string
		wantErr error
	}{
		{"created instead of date", []string{gofed.RequestTarget, "host", "(created)", "(expires)", "digest"}, nil},
		{"created and date", []string{gofed.RequestTarget, "host", "date", "(created)", "digest"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := newClientRequest(t, "POST", inboxURL, activity)
			req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
			signWithGofed(t, req, edPriv, gofed.ED25519, gofed.DigestSha256, tc.headers, activity, 300, "")
			res := &resolver{keys: []crypto.PublicKey{edPub}}
			got, err := Verifier{Resolve: res.resolve}.Verify(context.Background(), overTheWire(t, req, activity), activity)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err == nil && got.Algorithm != "ed25519" {
				t.Fatalf("algorithm = %q", got.Algorithm)
			}
		})
	}
	// A (created) an hour ago with a 5-minute expires is refused by this
	// package's window (checked before go-fed sees it).
	req := newClientRequest(t, "POST", inboxURL, activity)
	signWithGofed(t, req, edPriv, gofed.ED25519, gofed.DigestSha256, []string{gofed.RequestTarget, "host", "(created)", "digest"}, activity, 300, "")
	res := &resolver{keys: []crypto.PublicKey{edPub}}
	later := func() time.Time { return time.Now().Add(2 * time.Hour) }
	if _, err := (Verifier{Resolve: res.resolve, Now: later}).Verify(context.Background(), overTheWire(t, req, activity), activity); !errors.Is(err, ErrDateSkew) {
		t.Fatalf("err = %v, want ErrDateSkew", err)
	}
}

// A pointer to an Ed25519 key works as well as the value.
func TestVerifyEd25519Pointer(t *testing.T) {
	testKeys(t)
	req := newClientRequest(t, "GET", getURL, nil)
	signWithGofed(t, req, edPriv, gofed.ED25519, gofed.DigestSha256, getHeaders, nil, 0, "")
	pub := ed25519.PublicKey(edPub)
	res := &resolver{keys: []crypto.PublicKey{&pub}}
	if _, err := (Verifier{Resolve: res.resolve, Now: func() time.Time { return fixedNow }}).Verify(context.Background(), overTheWire(t, req, nil), nil); err != nil {
		t.Fatal(err)
	}
}
