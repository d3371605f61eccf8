package inbox_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rsa"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/domainblock"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/inbox"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

const (
	host   = testrig.TestHost
	bobURI = "https://remote.example/users/bob"
	bobKey = bobURI + "#main-key"
)

var keys = sync.OnceValue(func() [2]*rsa.PrivateKey {
	var out [2]*rsa.PrivateKey
	for i := range out {
		k, err := httpsig.GenerateKey()
		if err != nil {
			panic(err)
		}
		out[i] = k
	}
	return out
})

// note is a Create of a Note by actor, attributed to author.
func note(id, actor, author string) []byte {
	return []byte(fmt.Sprintf(`{"@context":"https://www.w3.org/ns/activitystreams","id":%q,"type":"Create","actor":%q,
		"to":["https://www.w3.org/ns/activitystreams#Public"],
		"object":{"id":%q,"type":"Note","attributedTo":%q,"content":"<p>hi</p>","to":["https://www.w3.org/ns/activitystreams#Public"]}}`,
		id+"/activity", actor, id, author))
}

type delivery struct {
	path   string
	body   []byte
	key    *rsa.PrivateKey // nil: unsigned
	date   time.Time       // zero: now
	tamper func(*http.Request)
}

func TestInboxRefusesBadDeliveries(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		testrig.LocalAccount(t, db, "alice")
		db.DomainBlock.Create().SetDomain("evil.example").SetSeverity(domainblock.SeveritySUSPEND).ExecX(ctx)
		q, err := jobs.New(ctx, db, jobs.Config{})
		if err != nil {
			t.Fatal(err)
		}
		good := keys()[0]
		h := &inbox.Handler{DB: db, Queue: q, Host: host, Verifier: httpsig.Verifier{
			Host: host,
			Resolve: func(_ context.Context, keyID string, _ bool) (crypto.PublicKey, string, error) {
				switch keyID {
				case bobKey:
					return &good.PublicKey, bobURI, nil
				case "https://evil.example/users/eve#main-key":
					return &good.PublicKey, "https://evil.example/users/eve", nil
				}
				return nil, "", httpsig.ErrKeyUnavailable
			},
		}}
		r := chi.NewRouter()
		h.Routes(r)
		send := func(d delivery) int {
			path := d.path
			if path == "" {
				path = "/inbox"
			}
			req := httptest.NewRequest(http.MethodPost, "https://"+host+path, bytes.NewReader(d.body))
			req.Header.Set("Content-Type", "application/activity+json")
			if !d.date.IsZero() {
				req.Header.Set("Date", d.date.UTC().Format(http.TimeFormat))
			}
			if d.key != nil {
				keyID := bobKey
				if strings.Contains(string(d.body), "evil.example/users/eve") {
					keyID = "https://evil.example/users/eve#main-key"
				}
				if err := (httpsig.Signer{KeyID: keyID, Key: d.key}).SignRequest(req, d.body); err != nil {
					t.Fatal(err)
				}
			}
			if d.tamper != nil {
				d.tamper(req)
			}
			w := httptest.NewRecorder()
			r.ServeHTTP(w, req)
			return w.Code
		}
		queued := func() int {
			var n int
			if err := db.SQL.QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'federation.inbox'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}

		valid := note("https://remote.example/statuses/1", bobURI, bobURI)
		huge := append(note("https://remote.example/statuses/2", bobURI, bobURI)[:0:0], valid...)
		huge = append(huge[:len(huge)-1], []byte(`,"padding":"`+strings.Repeat("x", inbox.MaxBody)+`"}`)...)
		for _, tc := range []struct {
			name   string
			d      delivery
			want   int
			queued int // jobs in the queue afterwards
		}{
			{"valid", delivery{body: valid, key: good}, http.StatusAccepted, 1},
			{"replayed within the window: a duplicate, queued once", delivery{body: valid, key: good}, http.StatusAccepted, 1},
			{"personal inbox", delivery{path: "/users/alice/inbox", body: note("https://remote.example/statuses/3", bobURI, bobURI), key: good}, http.StatusAccepted, 2},
			{"inbox of nobody", delivery{path: "/users/nobody/inbox", body: valid, key: good}, http.StatusNotFound, 2},
			{"unsigned", delivery{body: note("https://remote.example/statuses/4", bobURI, bobURI)}, http.StatusUnauthorized, 2},
			{"signed with another key", delivery{body: note("https://remote.example/statuses/5", bobURI, bobURI), key: keys()[1]}, http.StatusUnauthorized, 2},
			{"replayed hours later", delivery{body: note("https://remote.example/statuses/6", bobURI, bobURI), key: good, date: time.Now().Add(-3 * time.Hour)}, http.StatusUnauthorized, 2},
			{"body changed after signing", delivery{body: note("https://remote.example/statuses/7", bobURI, bobURI), key: good, tamper: func(r *http.Request) {
				r.Body = ioNop(note("https://remote.example/statuses/8", bobURI, bobURI))
			}}, http.StatusBadRequest, 2},
			{"signed for another server", delivery{body: note("https://remote.example/statuses/9", bobURI, bobURI), key: good, tamper: func(r *http.Request) {
				r.Host = "other.example"
			}}, http.StatusUnauthorized, 2},
			{"oversized", delivery{body: huge, key: good}, http.StatusRequestEntityTooLarge, 2},
			{"not JSON", delivery{body: []byte(`<html>hello</html>`), key: good}, http.StatusBadRequest, 2},
			{"not ActivityStreams JSON-LD", delivery{body: []byte(`{"id":"https://remote.example/x","type":"Create","actor":"` + bobURI + `"}`), key: good}, http.StatusBadRequest, 2},
			{"actor is not the signer", delivery{body: note("https://remote.example/statuses/10", "https://remote.example/users/carol", "https://remote.example/users/carol"), key: good}, http.StatusUnauthorized, 2},
			{"object owned by another server", delivery{body: note("https://elsewhere.example/statuses/11", bobURI, "https://elsewhere.example/users/dan"), key: good}, http.StatusForbidden, 2},
			{"suspended domain", delivery{body: note("https://evil.example/statuses/12", "https://evil.example/users/eve", "https://evil.example/users/eve"), key: good}, http.StatusForbidden, 2},
		} {
			if got := send(tc.d); got != tc.want {
				t.Errorf("%s: answered %d, want %d", tc.name, got, tc.want)
			}
			if n := queued(); n != tc.queued {
				t.Errorf("%s: %d activities queued, want %d", tc.name, n, tc.queued)
			}
		}
	})
}

type nopReader struct{ *bytes.Reader }

func (nopReader) Close() error { return nil }

func ioNop(b []byte) nopReader { return nopReader{bytes.NewReader(b)} }
