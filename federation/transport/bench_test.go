package transport

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSignedPost measures signed deliveries per second to a loopback
// inbox that verifies every signature and digest, as fedigraph's own inbox
// will. Both ends share the machine, so this is a floor.
func BenchmarkSignedPost(b *testing.B) {
	v := verifier(b)
	s := signer(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if _, err := v.Verify(r.Context(), r, body); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	c := loopbackClient(func(c *Config) { c.MaxIdleConnsPerHost = 64 })
	inbox := srv.URL + "/users/bob/inbox"
	body := []byte(`{"@context":"https://www.w3.org/ns/activitystreams","id":"https://fedigraph.example/users/alice/statuses/01J/activity","type":"Create","actor":"https://fedigraph.example/users/alice","to":["https://www.w3.org/ns/activitystreams#Public"],"object":{"id":"https://fedigraph.example/users/alice/statuses/01J","type":"Note","content":"<p>hello</p>"}}`)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := c.Post(context.Background(), inbox, s, "application/activity+json", body); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deliveries/s")
}
