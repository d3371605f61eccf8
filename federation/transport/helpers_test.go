package transport

import (
	"context"
	"crypto"
	"crypto/rsa"
	"net/http"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/federation/httpsig"
)

const testKeyID = "https://fedigraph.example/users/alice#main-key"

var (
	keyOnce sync.Once
	testKey *rsa.PrivateKey
)

func signer(t testing.TB) *httpsig.Signer {
	t.Helper()
	keyOnce.Do(func() {
		var err error
		if testKey, err = httpsig.GenerateKey(); err != nil {
			panic(err)
		}
	})
	return &httpsig.Signer{KeyID: testKeyID, Key: testKey}
}

// verifier checks signatures made by signer().
func verifier(t testing.TB) httpsig.Verifier {
	s := signer(t)
	return httpsig.Verifier{Resolve: func(context.Context, string, bool) (crypto.PublicKey, string, error) {
		return &s.Key.PublicKey, "https://fedigraph.example/users/alice", nil
	}}
}

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}

// loopbackClient may reach the httptest servers.
func loopbackClient(mod ...func(*Config)) *Client {
	cfg := Config{AllowIPs: loopback, Timeout: 5 * time.Second, UserAgent: "fedigraph-test"}
	for _, m := range mod {
		m(&cfg)
	}
	return New(cfg)
}

// counter counts requests a handler saw.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) wrap(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		if c.n == nil {
			c.n = map[string]int{}
		}
		c.n[r.URL.Path]++
		c.mu.Unlock()
		h(w, r)
	}
}

func (c *counter) get(path string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[path]
}
