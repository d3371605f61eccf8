package inbox_test

import (
	"bytes"
	"context"
	"crypto"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/federation/inbox"
	"github.com/fedigraph/fedigraph/federation/ingest"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/polls"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/reports"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// storedAccounts resolves only accounts already stored (the benchmark's sender is).
type storedAccounts struct{ c *ent.Client }

func (s storedAccounts) Account(ctx context.Context, uri string) (*ent.Account, error) {
	return s.c.Account.Query().Where(account.URI(uri)).Only(ctx)
}

func (s storedAccounts) Status(ctx context.Context, uri string) (*ent.Status, error) {
	st, err := s.c.Status.Query().Where(status.URI(uri)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("no status %s", uri)
	}
	return st, err
}

// BenchmarkInbound measures the inbound path: b.N signed Creates from a followed
// remote account are verified, queued and answered 202 by the inbox, then applied by
// the queue's workers (status stored, indexed, fanned out to the follower's home).
// It reports activities per second from the first delivery to the last one applied.
//
//	go test ./federation/inbox -run '^$' -bench Inbound -benchtime 500x
func BenchmarkInbound(b *testing.B) {
	for _, kind := range testrig.Kinds {
		b.Run(kind, func(b *testing.B) {
			ctx := context.Background()
			db := testrig.NewDB(b, kind)
			alice := testrig.LocalAccount(b, db, "alice")
			bob := testrig.RemoteAccount(b, db, "bob", "remote.example")
			bob = bob.Update().SetURI(bobURI).SetFollowersURI(bobURI + "/followers").SaveX(ctx)
			db.Follow.Create().SetAccountID(alice.ID).SetTargetAccountID(bob.ID).ExecX(ctx)

			events := hub.New()
			u := uris.Builder{Protocol: "https", Host: host}
			resolve := storedAccounts{db.Client}
			ing := &ingest.Ingester{DB: db, Events: events, Resolve: resolve}
			proc := &inbound.Processor{
				DB: db, Ingest: ing, Resolve: resolve,
				Relations: &relations.Service{DB: db, Events: events, URIs: u},
				Interact:  &interact.Service{DB: db, Events: events, URIs: u},
				Polls:     &polls.Service{DB: db, Events: events},
				Reports:   &reports.Service{DB: db, Events: events},
				Events:    events, URIs: u,
			}
			workers := river.NewWorkers()
			river.AddWorker(workers, &inbox.Worker{Accounts: resolve, Apply: proc, Permanent: func(err error) bool {
				return errors.Is(err, inbound.ErrForbidden) || errors.Is(err, inbound.ErrUnsupported)
			}})
			q, err := jobs.New(ctx, db, jobs.Config{Workers: workers, Concurrency: map[string]int{jobs.Federation: 16}, PollInterval: 100 * time.Millisecond})
			if err != nil {
				b.Fatal(err)
			}
			if err := q.Start(ctx); err != nil {
				b.Fatal(err)
			}
			defer q.Stop(ctx)

			key := keys()[0]
			h := &inbox.Handler{DB: db, Queue: q, Host: host, Verifier: httpsig.Verifier{Host: host,
				Resolve: func(context.Context, string, bool) (crypto.PublicKey, string, error) {
					return &key.PublicKey, bobURI, nil
				}}}
			r := chi.NewRouter()
			h.Routes(r)
			signer := httpsig.Signer{KeyID: bobKey, Key: key}
			// Signing is the sender's cost: do it before the clock starts.
			reqs := make([]*http.Request, b.N)
			for i := range reqs {
				body := note(fmt.Sprintf("https://remote.example/statuses/%d", i), bobURI, bobURI)
				reqs[i] = httptest.NewRequest(http.MethodPost, "https://"+host+"/inbox", bytes.NewReader(body))
				if err := signer.SignRequest(reqs[i], body); err != nil {
					b.Fatal(err)
				}
			}

			b.ResetTimer()
			start := time.Now()
			for _, req := range reqs {
				w := httptest.NewRecorder()
				r.ServeHTTP(w, req)
				if w.Code != http.StatusAccepted {
					b.Fatalf("inbox answered %d: %s", w.Code, w.Body)
				}
			}
			accepted := time.Since(start)
			deadline := time.Now().Add(2 * time.Minute)
			for db.Status.Query().Where(status.AccountID(bob.ID)).CountX(ctx) < b.N {
				if time.Now().After(deadline) {
					b.Fatal("activities not applied within 2 minutes")
				}
				time.Sleep(5 * time.Millisecond)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "applied/s")
			b.ReportMetric(float64(b.N)/accepted.Seconds(), "accepted/s")
		})
	}
}
