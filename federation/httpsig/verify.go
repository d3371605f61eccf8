package httpsig

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	gofed "github.com/go-fed/httpsig"
)

// Mastodon's time window (app/lib/signed_request.rb): a signature is valid
// for 5 minutes after its date unless it says otherwise, never more than
// 12 hours, and clocks may be an hour apart either way.
const (
	DefaultMaxSkew = time.Hour
	DefaultMaxAge  = 5 * time.Minute
	maxExpiresSpan = 12 * time.Hour
)

// RSA keys outside these sizes are refused: smaller ones are weak, larger
// ones make every verification expensive for whoever sends them.
const (
	minRSABits = 1024
	maxRSABits = 8192
)

// KeyResolver returns the public key for keyId and the actor that owns it.
// refresh=true means "bypass any cache and fetch again" (key rotation):
// Verify calls it a second time with refresh=true when the signature does
// not verify with the first key. Because anyone can send a bad signature
// naming any keyId, a resolver should rate-limit refreshes per key (for
// example at most one fetch a minute) and may then answer from its cache.
type KeyResolver func(ctx context.Context, keyID string, refresh bool) (pub crypto.PublicKey, owner string, err error)

// Verifier checks incoming signatures. The zero values of MaxSkew, MaxAge
// and Now mean Mastodon's defaults and time.Now.
type Verifier struct {
	Resolve KeyResolver
	// MaxSkew is the clock difference tolerated either way: a date up to
	// MaxSkew in the future is accepted, and a signature up to MaxSkew past
	// its expiry. Default 1 hour (Mastodon's CLOCK_SKEW_MARGIN).
	MaxSkew time.Duration
	// MaxAge is how long after its date a signature without an expires
	// parameter stays valid (before MaxSkew is added). Default 5 minutes,
	// as Mastodon. With the defaults a Date from 1h05m ago to 1h ahead
	// passes; an explicit expires may extend validity to 12 hours.
	MaxAge time.Duration
	Now    func() time.Time
	// Host, when set, must equal the signed host (ports ignored), so a
	// request signed for another server cannot be replayed here.
	Host string
}

// Verified describes an accepted signature.
type Verified struct {
	KeyID     string
	Owner     string // the actor owning the key, as the resolver said
	Algorithm string // what verified: rsa-sha256, rsa-sha512 or ed25519
}

// Verify checks req's signature. body is the request body, already read
// (and bounded) by the caller; Verify does not touch req.Body. Cheap checks
// (syntax, signed headers, date, digest) run before the key is resolved, so
// junk never causes a key fetch.
func (v Verifier) Verify(ctx context.Context, req *http.Request, body []byte) (Verified, error) {
	raw, fromAuth, err := findSignature(req.Header)
	if err != nil {
		return Verified{}, err
	}
	p, err := parseSignature(raw)
	if err != nil {
		return Verified{}, err
	}
	switch p.algorithm {
	case "", "hs2019", "rsa-sha256", "rsa-sha512", "ed25519":
	default:
		return Verified{}, fmt.Errorf("%w: %q", ErrUnsupportedAlgorithm, p.algorithm)
	}
	if err := checkSignedHeaders(p, fromAuth); err != nil {
		return Verified{}, err
	}
	if err := v.checkTime(p, req.Header); err != nil {
		return Verified{}, err
	}
	if p.signs("digest") {
		if err := checkDigest(req.Header, body); err != nil {
			return Verified{}, err
		}
	} else if len(body) > 0 || hasBodyMethod(req.Method) {
		return Verified{}, fmt.Errorf("%w: digest is not among the signed headers", ErrBadDigest)
	}
	host := requestHost(req)
	if v.Host != "" && !sameHost(v.Host, host) {
		return Verified{}, fmt.Errorf("%w: signed for host %q", ErrBadSignature, host)
	}
	if v.Resolve == nil {
		return Verified{}, fmt.Errorf("%w: no key resolver", ErrKeyUnavailable)
	}
	views := verificationViews(req, host, p, fromAuth)

	pub, owner, err := v.Resolve(ctx, p.keyID, false)
	if err != nil {
		return Verified{}, fmt.Errorf("%w: %w", ErrKeyUnavailable, err)
	}
	alg, firstErr := verifyWithKey(pub, p, views)
	if firstErr == nil {
		return Verified{KeyID: p.keyID, Owner: owner, Algorithm: alg}, nil
	}
	// The key may have been rotated since it was cached: fetch it again once.
	pub2, owner2, err := v.Resolve(ctx, p.keyID, true)
	if err != nil {
		return Verified{}, fmt.Errorf("%w: refetching after %v: %w", ErrKeyUnavailable, firstErr, err)
	}
	if sameKey(pub, pub2) {
		return Verified{}, firstErr
	}
	alg, err = verifyWithKey(pub2, p, views)
	if err != nil {
		return Verified{}, err
	}
	return Verified{KeyID: p.keyID, Owner: owner2, Algorithm: alg}, nil
}

func checkSignedHeaders(p *sigParams, fromAuth bool) error {
	for _, required := range []string{"(request-target)", "host"} {
		if !p.signs(required) {
			return fmt.Errorf("%w: %s is not among the signed headers", ErrMalformed, required)
		}
	}
	if !p.signs("date") && !p.signs("(created)") {
		return fmt.Errorf("%w: neither date nor (created) is signed", ErrDateSkew)
	}
	if p.signs("signature") || (fromAuth && p.signs("authorization")) {
		return fmt.Errorf("%w: the signature header signs itself", ErrMalformed)
	}
	return nil
}

func (v Verifier) checkTime(p *sigParams, h http.Header) error {
	now := time.Now()
	if v.Now != nil {
		now = v.Now()
	}
	skew, maxAge := v.MaxSkew, v.MaxAge
	if skew <= 0 {
		skew = DefaultMaxSkew
	}
	if maxAge <= 0 {
		maxAge = DefaultMaxAge
	}
	check := func(what string, t time.Time) error {
		expires := t.Add(maxAge)
		if p.hasExpires {
			expires = time.Unix(p.expires, 0)
		}
		if limit := t.Add(maxExpiresSpan); expires.After(limit) {
			expires = limit
		}
		if t.After(now.Add(skew)) {
			return fmt.Errorf("%w: %s %s is in the future", ErrDateSkew, what, t.UTC().Format(time.RFC3339))
		}
		if now.After(expires.Add(skew)) {
			return fmt.Errorf("%w: %s %s has expired", ErrDateSkew, what, t.UTC().Format(time.RFC3339))
		}
		return nil
	}
	if p.signs("(created)") {
		if !p.hasCreated {
			return fmt.Errorf("%w: (created) is signed but has no value", ErrMalformed)
		}
		if err := check("(created)", time.Unix(p.created, 0)); err != nil {
			return err
		}
	}
	if p.signs("date") {
		d := h.Get("Date")
		if d == "" {
			return fmt.Errorf("%w: no Date header", ErrDateSkew)
		}
		t, err := http.ParseTime(d)
		if err != nil {
			return fmt.Errorf("%w: unparsable Date %q", ErrDateSkew, d)
		}
		if err := check("Date", t); err != nil {
			return err
		}
	}
	if p.signs("(expires)") && !p.hasExpires {
		return fmt.Errorf("%w: (expires) is signed but has no value", ErrMalformed)
	}
	return nil
}

func hasBodyMethod(m string) bool {
	return m == http.MethodPost || m == http.MethodPut || m == http.MethodPatch
}

// requestHost is the host the request was sent to: req.Host on the server
// side (net/http moves it out of the header map), the Host header or URL
// on a client-side request.
func requestHost(req *http.Request) string {
	if req.Host != "" {
		return req.Host
	}
	if h := req.Header.Get("Host"); h != "" {
		return h
	}
	if req.URL != nil {
		return req.URL.Host
	}
	return ""
}

func sameHost(a, b string) bool {
	strip := func(h string) string {
		if host, _, err := net.SplitHostPort(h); err == nil {
			return host
		}
		return h
	}
	return strings.EqualFold(strip(a), strip(b))
}

// verificationViews returns the requests handed to go-fed: the signing
// string is built from them. The first is the request as sent; then, in
// case the signer built (request-target) differently, the percent-decoded
// path and, for GET and HEAD, the target without its query string.
func verificationViews(req *http.Request, host string, p *sigParams, fromAuth bool) []*http.Request {
	hdr := req.Header.Clone()
	if hdr == nil {
		hdr = http.Header{}
	}
	hdr.Set("Host", host)
	hdr["Signature"] = []string{p.canonical()}
	if fromAuth || !p.signs("authorization") {
		hdr.Del("Authorization") // go-fed refuses a request with both
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	var u url.URL
	if req.URL != nil {
		u = *req.URL
	}
	paths := []string{u.EscapedPath()}
	if u.Path != "" && u.Path != paths[0] {
		paths = append(paths, u.Path)
	}
	queries := []string{u.RawQuery}
	if u.RawQuery != "" && (method == http.MethodGet || method == http.MethodHead) {
		queries = append(queries, "")
	}
	var views []*http.Request
	for _, q := range queries {
		for _, path := range paths {
			if path == "" {
				path = "/"
			}
			views = append(views, &http.Request{
				Method: method,
				URL:    &url.URL{Path: path, RawQuery: q},
				Header: hdr,
			})
		}
	}
	return views
}

// verifyWithKey tries the algorithms the label and key type allow against
// each view, returning the algorithm that verified.
func verifyWithKey(pub crypto.PublicKey, p *sigParams, views []*http.Request) (string, error) {
	if k, ok := pub.(*ed25519.PublicKey); ok && k != nil {
		pub = *k // go-fed wants the value
	}
	algs, err := algorithmsFor(pub, p.algorithm)
	if err != nil {
		return "", err
	}
	for _, view := range views {
		gv, err := gofed.NewVerifier(view)
		if err != nil {
			// Everything go-fed checks here was checked already, except
			// its own (created)/(expires) window of 10 s on the wall clock.
			if p.hasCreated || p.hasExpires {
				return "", fmt.Errorf("%w: %v", ErrDateSkew, err)
			}
			return "", fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		for _, alg := range algs {
			if gv.Verify(pub, alg) == nil {
				return string(alg), nil
			}
		}
	}
	return "", ErrBadSignature
}

func algorithmsFor(pub crypto.PublicKey, label string) ([]gofed.Algorithm, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits < minRSABits || bits > maxRSABits {
			return nil, fmt.Errorf("%w: %d-bit RSA key", ErrKeyUnavailable, bits)
		}
		switch label {
		case "", "hs2019":
			return []gofed.Algorithm{gofed.RSA_SHA256, gofed.RSA_SHA512}, nil
		case "rsa-sha256":
			return []gofed.Algorithm{gofed.RSA_SHA256}, nil
		case "rsa-sha512":
			return []gofed.Algorithm{gofed.RSA_SHA512}, nil
		}
	case ed25519.PublicKey:
		switch label {
		case "", "hs2019", "ed25519":
			return []gofed.Algorithm{gofed.ED25519}, nil
		}
	case nil:
		return nil, fmt.Errorf("%w: resolver returned no key", ErrKeyUnavailable)
	default:
		return nil, fmt.Errorf("%w: key type %T", ErrUnsupportedAlgorithm, pub)
	}
	return nil, fmt.Errorf("%w: algorithm %q does not fit a %T key", ErrBadSignature, label, pub)
}

func sameKey(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}
