package relations_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMuteOptionsAndExpiry(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.local("alice"), r.local("bob")

		tests := []struct {
			name          string
			opts          relations.MuteOptions
			muting, notes bool
		}{
			{"defaults hide notifications", relations.MuteOptions{}, true, true},
			{"notifications kept", relations.MuteOptions{Notifications: no}, true, false},
			{"muting again replaces", relations.MuteOptions{Notifications: yes, Duration: time.Hour}, true, true},
		}
		for _, tt := range tests {
			rel := r.ok(r.svc.Mute(r.ctx, alice.ID, bob.ID, tt.opts))
			if rel.Muting != tt.muting || rel.MutingNotifications != tt.notes {
				t.Errorf("%s: %+v", tt.name, rel)
			}
		}
		if n := r.count(db.Mute.Query()); n != 1 {
			t.Errorf("%d mute rows after muting three times", n)
		}

		// The last mute lasts an hour.
		r.now = r.now.Add(2 * time.Hour)
		if got := r.rel(alice, bob); got.Muting {
			t.Errorf("an expired mute still shows: %+v", got)
		}
		r.ok(r.svc.Mute(r.ctx, alice.ID, bob.ID, relations.MuteOptions{}))
		r.now = r.now.Add(1000 * time.Hour)
		if got := r.rel(alice, bob); !got.Muting {
			t.Errorf("a mute without duration expired")
		}

		rel := r.ok(r.svc.Unmute(r.ctx, alice.ID, bob.ID))
		if rel.Muting || rel.MutingNotifications {
			t.Errorf("after unmute: %+v", rel)
		}
		r.ok(r.svc.Unmute(r.ctx, alice.ID, bob.ID))

		_, err := r.svc.Mute(r.ctx, alice.ID, bob.ID, relations.MuteOptions{Duration: -time.Second})
		wantCode(t, err, apperr.BadInput)
	})
}

func TestSetNote(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := r.local("alice"), r.local("bob")

		steps := []struct{ comment, want string }{
			{"met at the conference", "met at the conference"},
			{"likes owls", "likes owls"},
			{"   ", ""},
			{"", ""},
		}
		for _, s := range steps {
			if got := r.ok(r.svc.SetNote(r.ctx, alice.ID, bob.ID, s.comment)).Note; got != s.want {
				t.Errorf("SetNote(%q) → note %q, want %q", s.comment, got, s.want)
			}
		}
		if n := r.count(db.AccountNote.Query()); n != 0 {
			t.Errorf("a blank note left %d rows", n)
		}
		if got := r.rel(bob, alice).Note; got != "" {
			t.Errorf("bob sees alice's note about him: %q", got)
		}
		_, err := r.svc.SetNote(r.ctx, alice.ID, bob.ID, strings.Repeat("é", relations.MaxNoteLength+1))
		wantCode(t, err, apperr.BadInput)
		r.ok(r.svc.SetNote(r.ctx, alice.ID, bob.ID, strings.Repeat("é", relations.MaxNoteLength)))
	})
}
