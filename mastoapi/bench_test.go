package mastoapi_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

// The Mastodon API under load from concurrent clients, through the whole HTTP stack,
// over the benchmark world (1,000 accounts, 100,000 statuses). Besides ns/op each
// reports requests per second and the 99th-percentile latency:
//
//	go test ./mastoapi -run '^$' -bench REST -benchtime 2000x
//
// SetParallelism(8) runs 8 × GOMAXPROCS clients at once.

func BenchmarkHomeTimelineREST(b *testing.B) {
	benchREST(b, func(base, token string, _ int) (*http.Request, error) {
		req, err := http.NewRequest(http.MethodGet, base+"/api/v1/timelines/home?limit=20", nil)
		if err == nil {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return req, err
	})
}

func BenchmarkCreateStatusREST(b *testing.B) {
	benchREST(b, func(base, token string, n int) (*http.Request, error) {
		form := url.Values{"status": {fmt.Sprintf("benchmark post %d with a #tag and a link https://example.org/%d", n, n)}}
		req, err := http.NewRequest(http.MethodPost, base+"/api/v1/statuses", strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return req, err
	})
}

func benchREST(b *testing.B, request func(base, token string, n int) (*http.Request, error)) {
	for _, kind := range testrig.Kinds {
		b.Run(kind, func(b *testing.B) {
			db := testrig.NewDB(b, kind)
			viewer := testrig.Seed(b, db, testrig.BenchPopulation)
			base, _ := mastotest.Start(b, db)
			token := testrig.Token(b, db, viewer, "read write")
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
			var (
				mu        sync.Mutex
				latencies = make([]time.Duration, 0, b.N)
				seq       atomic.Int64
			)
			b.SetParallelism(8)
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				local := make([]time.Duration, 0, 64)
				for pb.Next() {
					req, err := request(base, token, int(seq.Add(1)))
					if err != nil {
						b.Error(err)
						return
					}
					t0 := time.Now()
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
					local = append(local, time.Since(t0))
				}
				mu.Lock()
				latencies = append(latencies, local...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			b.StopTimer()
			slices.Sort(latencies)
			if len(latencies) > 0 {
				b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "req/s")
				b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
			}
		})
	}
}
