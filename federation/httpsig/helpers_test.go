package httpsig

import (
	"bufio"
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gofed "github.com/go-fed/httpsig"
)

// Generating 2048-bit keys takes a while; tests share a few.
var (
	keysOnce         sync.Once
	keyOld, keyNew   *rsa.PrivateKey
	edPub            ed25519.PublicKey
	edPriv           ed25519.PrivateKey
	testKeyID        = "https://remote.example/users/alice#main-key"
	testOwner        = "https://remote.example/users/alice"
	fixedNow         = time.Date(2025, 1, 7, 12, 0, 0, 0, time.UTC)
	fixedNowHTTPDate = fixedNow.Format(http.TimeFormat)
)

func testKeys(t testing.TB) {
	t.Helper()
	keysOnce.Do(func() {
		var err error
		if keyOld, err = GenerateKey(); err != nil {
			panic(err)
		}
		if keyNew, err = GenerateKey(); err != nil {
			panic(err)
		}
		if edPub, edPriv, err = ed25519.GenerateKey(rand.Reader); err != nil {
			panic(err)
		}
	})
}

// resolver hands out keys[0] for refresh=false and keys[1] (or keys[0])
// for refresh=true, counting the calls.
type resolver struct {
	mu         sync.Mutex
	keys       []crypto.PublicKey
	err        error
	refreshErr error
	calls      int
	refreshs   int
}

func (r *resolver) resolve(_ context.Context, keyID string, refresh bool) (crypto.PublicKey, string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if refresh {
		r.refreshs++
	}
	if r.err != nil {
		return nil, "", r.err
	}
	if refresh && r.refreshErr != nil {
		return nil, "", r.refreshErr
	}
	k := r.keys[0]
	if refresh && len(r.keys) > 1 {
		k = r.keys[1]
	}
	return k, testOwner, nil
}

// newClientRequest builds an outgoing request dated fixedNow.
func newClientRequest(t testing.TB, method, url string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Date", fixedNowHTTPDate)
	if body != nil {
		req.Header.Set("Content-Type", "application/activity+json")
	}
	return req
}

// overTheWire serializes a client request and reads it back as a server
// sees it: Host moves out of the header map into req.Host, the URL holds
// only the request target.
func overTheWire(t testing.TB, req *http.Request, body []byte) *http.Request {
	t.Helper()
	req.Body = http.NoBody
	if body != nil {
		req.Body = nopCloser{bytes.NewReader(body)}
		req.ContentLength = int64(len(body))
	}
	var buf bytes.Buffer
	if err := req.Write(&buf); err != nil {
		t.Fatal(err)
	}
	sreq, err := http.ReadRequest(bufio.NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	return sreq
}

func bufioReader(r io.Reader) *bufio.Reader { return bufio.NewReader(r) }

func itoa(n int) string { return strconv.Itoa(n) }

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// signWithGofed signs req with go-fed directly, for signatures fedigraph's
// Signer does not make (other algorithms, header sets, digests). label, when
// not empty, replaces go-fed's algorithm="hs2019".
func signWithGofed(t testing.TB, req *http.Request, key crypto.PrivateKey, alg gofed.Algorithm, dAlg gofed.DigestAlgorithm, headers []string, body []byte, expiresIn int64, label string) {
	t.Helper()
	req.Header.Set("Host", req.URL.Host)
	s, _, err := gofed.NewSigner([]gofed.Algorithm{alg}, dAlg, headers, gofed.Signature, expiresIn)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SignRequest(key, testKeyID, req, body); err != nil {
		t.Fatal(err)
	}
	if label != "" {
		req.Header.Set("Signature", strings.Replace(req.Header.Get("Signature"), `algorithm="hs2019"`, `algorithm="`+label+`"`, 1))
	}
}
