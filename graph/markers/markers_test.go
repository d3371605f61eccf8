package markers_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/marker"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/markers"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

const (
	home  = marker.TimelineHOME
	notes = marker.TimelineNOTIFICATIONS
)

// summary is what an app reads of a marker.
type summary struct {
	timeline marker.Timeline
	lastRead string
	version  int
	updated  time.Time
}

func summarize(ms []*ent.Marker) []summary {
	out := make([]summary, len(ms))
	for i, m := range ms {
		out[i] = summary{m.Timeline, m.LastReadID, m.Version, m.UpdatedAt.UTC()}
	}
	return out
}

func TestSaveAndGetRoundTrip(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice := testrig.LocalAccount(t, db, "alice")
		bob := testrig.LocalAccount(t, db, "bob")
		t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		t1 := t0.Add(time.Minute)

		save := func(a *ent.Account, pos map[marker.Timeline]string, at time.Time) []summary {
			t.Helper()
			ms, err := markers.Save(ctx, db, a.ID, pos, at)
			if err != nil {
				t.Fatalf("save %v: %v", pos, err)
			}
			return summarize(ms)
		}
		get := func(a *ent.Account, tls ...marker.Timeline) []summary {
			t.Helper()
			ms, err := markers.Get(ctx, db.Client, a.ID, tls)
			if err != nil {
				t.Fatal(err)
			}
			return summarize(ms)
		}

		if got := get(alice); len(got) != 0 {
			t.Fatalf("markers before any save: %+v, want none", got)
		}
		first := save(alice, map[marker.Timeline]string{home: "01HOME1", notes: "01NOTE1"}, t0)
		want := []summary{{home, "01HOME1", 0, t0}, {notes, "01NOTE1", 0, t0}}
		if !equal(first, want) {
			t.Errorf("first save: %+v, want %+v", first, want)
		}
		// A second save of one timeline moves it and raises its version; the other
		// timeline stays as it was.
		second := save(alice, map[marker.Timeline]string{home: "01HOME2"}, t1)
		if want := []summary{{home, "01HOME2", 1, t1}}; !equal(second, want) {
			t.Errorf("second save: %+v, want %+v", second, want)
		}
		save(alice, map[marker.Timeline]string{home: "01HOME3"}, t1)
		want = []summary{{home, "01HOME3", 2, t1}, {notes, "01NOTE1", 0, t0}}
		if got := get(alice); !equal(got, want) {
			t.Errorf("after three saves: %+v, want %+v", got, want)
		}
		if got := get(alice, notes); !equal(got, want[1:]) {
			t.Errorf("notifications only: %+v, want %+v", got, want[1:])
		}
		// Markers are per account.
		if got := get(bob); len(got) != 0 {
			t.Errorf("bob sees alice's markers: %+v", got)
		}
		last, err := markers.LastRead(ctx, db.Client, alice.ID, notes)
		if err != nil || last != "01NOTE1" {
			t.Errorf("LastRead = %q, %v; want 01NOTE1", last, err)
		}
		if last, _ := markers.LastRead(ctx, db.Client, bob.ID, notes); last != "" {
			t.Errorf("LastRead of a timeline never marked = %q, want empty", last)
		}
	})
}

func TestSaveRefusesWhatIsNotAPosition(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		alice := testrig.LocalAccount(t, db, "alice")
		bad := []map[marker.Timeline]string{
			{home: ""},
			{"CONVERSATIONS": "01X"},
			{home: "01OK", notes: string(make([]byte, 101))},
		}
		for _, pos := range bad {
			if _, err := markers.Save(ctx, db, alice.ID, pos, time.Now()); !apperr.Is(err, apperr.BadInput) {
				t.Errorf("save %q: %v, want a validation failure", pos, err)
			}
		}
		// Nothing of a refused save is kept, not even its valid part.
		if ms, _ := markers.Get(ctx, db.Client, alice.ID, nil); len(ms) != 0 {
			t.Errorf("refused saves left markers: %+v", summarize(ms))
		}
	})
}

func equal(a, b []summary) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].timeline != b[i].timeline || a[i].lastRead != b[i].lastRead ||
			a[i].version != b[i].version || !a[i].updated.Equal(b[i].updated) {
			return false
		}
	}
	return true
}
