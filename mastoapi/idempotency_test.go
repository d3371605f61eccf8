package mastoapi_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
)

// postWithKey posts a status as an app retrying would, with an Idempotency-Key.
func postWithKey(t *testing.T, s *mastotest.Server, token, key, text string) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/v1/statuses", strings.NewReader(url.Values{"status": {text}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+token)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer resp.Body.Close()
	var st struct{ ID string }
	json.NewDecoder(resp.Body).Decode(&st)
	return resp.StatusCode, st.ID
}

func TestIdempotencyKeyHeader(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := mastotest.New(t, db)
		alice, bob := s.User("alice"), s.User("bob")
		_, first := postWithKey(t, s, alice.Token, "abc-123", "hello")
		if _, again := postWithKey(t, s, alice.Token, "abc-123", "hello"); again != first {
			t.Errorf("retry posted %s, want the first status %s", again, first)
		}
		if _, other := postWithKey(t, s, alice.Token, "abc-124", "hello"); other == first {
			t.Error("another key answered with the first status")
		}
		if _, bobs := postWithKey(t, s, bob.Token, "abc-123", "hello"); bobs == first {
			t.Error("bob's request with alice's key answered with alice's status")
		}

		// Copies of one request at once: one status.
		const copies = 5
		ids := make([]string, copies)
		var wg sync.WaitGroup
		for i := range copies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, id := postWithKey(t, s, alice.Token, "burst", "only once")
				if code != http.StatusOK {
					t.Errorf("copy %d: HTTP %d", i, code)
				}
				ids[i] = id
			}()
		}
		wg.Wait()
		for i, id := range ids {
			if id == "" || id != ids[0] {
				t.Errorf("copy %d answered %q, copy 0 %q", i, id, ids[0])
			}
		}
		if n := testrig.Count(t, db.Status.Query().Where(status.AccountID(alice.ID), status.Text("only once"))); n != 1 {
			t.Errorf("%d statuses posted by the burst, want 1", n)
		}
	})
}
