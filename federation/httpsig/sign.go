package httpsig

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	gofed "github.com/go-fed/httpsig"
)

// The header sets GoToSocial signs; Mastodon signs the same plus
// content-type on POSTs. Fewer headers means fewer ways for a proxy that
// rewrites a header to break the signature.
var (
	getHeaders  = []string{gofed.RequestTarget, "host", "date"}
	postHeaders = []string{gofed.RequestTarget, "host", "date", "digest"}
)

// Signer signs outgoing requests as one actor's key.
type Signer struct {
	KeyID string          // the key's id, e.g. https://example.org/users/alice#main-key
	Key   *rsa.PrivateKey // the actor's private key
}

// SignRequest sets Date (if unset), the Host header, Digest (SHA-256 of
// body, when body != nil) and Signature over
// "(request-target) host date [digest]". Signing again replaces an earlier
// Signature and Digest. SignRequest does not read req.Body: pass the bytes
// that will be sent.
func (s Signer) SignRequest(req *http.Request, body []byte) error {
	return s.sign(req, body, true)
}

// SignRequestOmitQuery signs like SignRequest, but (request-target) leaves
// out the query string: some servers verify GETs that way, and GoToSocial
// retries a signed GET so when the first attempt is refused with 401.
func (s Signer) SignRequestOmitQuery(req *http.Request, body []byte) error {
	return s.sign(req, body, false)
}

func (s Signer) sign(req *http.Request, body []byte, withQuery bool) error {
	switch {
	case s.Key == nil:
		return errors.New("httpsig: signer has no key")
	case s.KeyID == "" || strings.ContainsAny(s.KeyID, ",\"") || hasControl(s.KeyID):
		return fmt.Errorf("httpsig: unusable keyId %q", s.KeyID)
	case req.URL == nil:
		return errors.New("httpsig: request has no URL")
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	if req.Header.Get("Date") == "" {
		req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	}
	// go-fed reads host only from the header map, while net/http sends
	// req.Host (or the URL's host) and ignores a "Host" entry there.
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	if host == "" {
		return errors.New("httpsig: request has no host")
	}
	req.Header.Set("Host", host)
	req.Header.Del("Signature")
	req.Header.Del("Digest")

	headers := getHeaders
	if body != nil {
		headers = postHeaders
	}
	// go-fed signers keep hash state: one per call keeps Signer safe for
	// concurrent use.
	signer, _, err := gofed.NewSigner([]gofed.Algorithm{gofed.RSA_SHA256}, gofed.DigestSha256, headers, gofed.Signature, 0)
	if err != nil {
		return fmt.Errorf("httpsig: %w", err)
	}
	if err := signer.SignRequest(s.Key, s.KeyID, signingView(req, withQuery), body); err != nil {
		return fmt.Errorf("httpsig: sign: %w", err)
	}
	// go-fed always labels the signature hs2019; the bytes are RSA-SHA256,
	// and rsa-sha256 is the label Mastodon sends and everyone accepts.
	sig := req.Header.Get("Signature")
	req.Header.Set("Signature", strings.Replace(sig, `,algorithm="hs2019",`, `,algorithm="rsa-sha256",`, 1))
	return nil
}

// signingView is what go-fed sees of req: it builds (request-target) from
// URL.Path, the decoded path, while the wire carries the escaped one. The
// view shares req's header map, so the headers go-fed sets land on req.
func signingView(req *http.Request, withQuery bool) *http.Request {
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	path := req.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	u := &url.URL{Path: path}
	if withQuery {
		u.RawQuery = req.URL.RawQuery
	}
	return &http.Request{Method: method, URL: u, Header: req.Header}
}
