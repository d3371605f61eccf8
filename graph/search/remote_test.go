package search_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/search"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// fakeRemote stands in for federation's dereferencer: it "fetches" from a map.
type fakeRemote struct {
	accounts map[string]*ent.Account // by handle and by URI
	statuses map[string]*ent.Status
	asked    []string
}

func (f *fakeRemote) AccountByHandle(_ context.Context, u, d string) (*ent.Account, error) {
	f.asked = append(f.asked, u+"@"+d)
	if a, ok := f.accounts[u+"@"+d]; ok {
		return a, nil
	}
	return nil, errors.New("webfinger: 404")
}

func (f *fakeRemote) Account(_ context.Context, uri string) (*ent.Account, error) {
	f.asked = append(f.asked, uri)
	if a, ok := f.accounts[uri]; ok {
		return a, nil
	}
	return nil, errors.New("not found")
}

func (f *fakeRemote) Status(_ context.Context, uri string) (*ent.Status, error) {
	f.asked = append(f.asked, uri)
	if s, ok := f.statuses[uri]; ok {
		return s, nil
	}
	return nil, errors.New("not found")
}

func TestResolveLooksUpRemoteAddresses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		viewer := testrig.LocalAccount(t, db, "viewer")
		bob := testrig.RemoteAccount(t, db, "bob", "remote.example")
		public := db.Status.Create().SetAccountID(bob.ID).SetURI("https://remote.example/s/1").
			SetLocal(false).SetThreadID("t1").SaveX(ctx)
		private := db.Status.Create().SetAccountID(bob.ID).SetURI("https://remote.example/s/2").
			SetVisibility("FOLLOWERS_ONLY").SetLocal(false).SetThreadID("t2").SaveX(ctx)
		remote := &fakeRemote{
			accounts: map[string]*ent.Account{"bob@remote.example": bob, bob.URI: bob},
			statuses: map[string]*ent.Status{public.URI: public, private.URI: private},
		}
		for _, tc := range []struct {
			query       string
			wantAccount string
			wantStatus  string
		}{
			{"@bob@remote.example", bob.ID, ""},
			{"bob@remote.example", bob.ID, ""},
			{bob.URI, bob.ID, ""},
			{public.URI, "", public.ID},
			{private.URI, "", ""}, // not for the viewer's eyes
			{"@nobody@remote.example", "", ""},
			{"just words", "", ""},
		} {
			a, st, err := search.Resolve(ctx, db.Client, remote, viewer.ID, tc.query)
			if err != nil {
				t.Fatalf("Resolve(%q): %v", tc.query, err)
			}
			if got := idOf(a); got != tc.wantAccount {
				t.Errorf("Resolve(%q) account %q, want %q", tc.query, got, tc.wantAccount)
			}
			if got := statusID(st); got != tc.wantStatus {
				t.Errorf("Resolve(%q) status %q, want %q", tc.query, got, tc.wantStatus)
			}
		}
		// Signed-out visitors never make this server fetch anything.
		remote.asked = nil
		if a, _, _ := search.Resolve(ctx, db.Client, remote, "", "@bob@remote.example"); a != nil || len(remote.asked) > 0 {
			t.Errorf("a signed-out search resolved %v (asked %v)", a, remote.asked)
		}
	})
}

func idOf(a *ent.Account) string {
	if a == nil {
		return ""
	}
	return a.ID
}

func statusID(s *ent.Status) string {
	if s == nil {
		return ""
	}
	return s.ID
}
