package posting_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/statusedit"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/text"
)

// edit changes a status through the service and fails the test if it cannot.
func (r *rig) edit(author *ent.Account, st *ent.Status, d posting.Draft) *ent.Status {
	r.t.Helper()
	got, err := r.svc.Edit(r.ctx, author.ID, st.ID, d)
	if err != nil {
		r.t.Fatalf("edit %s to %q: %v", st.ID, d.Text, err)
	}
	return got
}

// history lists a status's stored revisions, oldest first.
func (r *rig) history(st *ent.Status) []*ent.StatusEdit {
	r.t.Helper()
	revs, err := r.db.StatusEdit.Query().Where(statusedit.StatusID(st.ID)).Order(ent.Asc(statusedit.FieldCreatedAt)).All(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	return revs
}

func TestEditKeepsThePreviousRevisions(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		st := r.post(alice, posting.NewStatus{Draft: posting.Draft{Text: "**first** #cats", ContentType: text.Markdown, Language: "en"}})
		second := r.edit(alice, st, posting.Draft{Text: "**second** #dogs", SpoilerText: "cw"})
		third := r.edit(alice, st, posting.Draft{Text: "**third** #dogs", SpoilerText: "cw"})

		revs := r.history(st)
		if len(revs) != 2 {
			t.Fatalf("%d revisions stored, want the original and the first edit", len(revs))
		}
		if !strings.Contains(revs[0].Content, "first") || !revs[0].CreatedAt.Equal(st.CreatedAt) || revs[0].SpoilerText != "" {
			t.Errorf("first revision %q (warning %q) at %v, want the original at %v", revs[0].Content, revs[0].SpoilerText, revs[0].CreatedAt, st.CreatedAt)
		}
		if !strings.Contains(revs[1].Content, "second") || !revs[1].CreatedAt.Equal(*second.EditedAt) || revs[1].SpoilerText != "cw" || !revs[1].Sensitive {
			t.Errorf("second revision %q (warning %q, sensitive %v) at %v, want the first edit at %v",
				revs[1].Content, revs[1].SpoilerText, revs[1].Sensitive, revs[1].CreatedAt, *second.EditedAt)
		}
		// What the edits did not say is kept: Markdown, language.
		if !strings.Contains(third.Content, "<strong>third</strong>") || third.Text != "**third** #dogs" ||
			third.ContentType != status.ContentTypeMARKDOWN || third.Language != "en" || !third.EditedAt.Equal(r.clock) {
			t.Errorf("after editing: content %q (%s, %q), edited %v", third.Content, third.ContentType, third.Language, third.EditedAt)
		}
		if !third.CreatedAt.Equal(st.CreatedAt) || third.ID != st.ID {
			t.Errorf("editing changed the status's identity or time")
		}
		var body string
		if err := db.SQL.QueryRowContext(r.ctx, `SELECT body FROM status_texts WHERE status_id = $1`, st.ID).Scan(&body); err != nil ||
			!strings.Contains(body, "third") || strings.Contains(body, "second") {
			t.Errorf("search text %q (%v), want the latest version only", body, err)
		}
		tags, err := db.Tag.Query().Where(tag.HasStatusesWith(status.ID(st.ID))).Select(tag.FieldName).Strings(r.ctx)
		if err != nil || !slices.Equal(tags, []string{"dogs"}) {
			t.Errorf("tags after editing %v (%v), want [dogs]", tags, err)
		}
	})
}

func TestEditReplacesMedia(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		m1 := db.MediaAttachment.Create().SetAccountID(alice.ID).SetProcessing(mediaattachment.ProcessingPROCESSED).SaveX(r.ctx)
		m2 := db.MediaAttachment.Create().SetAccountID(alice.ID).SetProcessing(mediaattachment.ProcessingPROCESSED).SaveX(r.ctx)
		st := r.post(alice, posting.NewStatus{Draft: posting.Draft{Text: "pictures", MediaIDs: []string{m1.ID}}})
		r.edit(alice, st, posting.Draft{Text: "pictures", MediaIDs: []string{m2.ID}})

		attached, err := db.MediaAttachment.Query().Where(mediaattachment.HasStatusWith(status.ID(st.ID))).IDs(r.ctx)
		if err != nil || !slices.Equal(attached, []string{m2.ID}) {
			t.Errorf("attached %v (%v), want only the new one", attached, err)
		}
		if revs := r.history(st); len(revs) != 1 || !slices.Equal(revs[0].MediaIds, []string{m1.ID}) {
			t.Errorf("history does not remember the old media")
		}
		if _, err := r.svc.Edit(r.ctx, alice.ID, st.ID, posting.Draft{Text: "x", MediaIDs: []string{"01NOSUCHMEDIA"}}); !apperr.Is(err, apperr.BadInput) {
			t.Errorf("editing in unknown media: %v, want BAD_USER_INPUT", err)
		}
	})
}

func TestEditNotifiesNewMentionsOnly(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob"), testrig.LocalAccount(t, db, "carol")
		bobHears, carolHears := r.listen(hub.NotificationStream(bob.ID)), r.listen(hub.NotificationStream(carol.ID))
		st := r.say(alice, "hi @bob")
		r.edit(alice, st, posting.Draft{Text: "hi @bob and @carol"})
		r.edit(alice, st, posting.Draft{Text: "hi @carol and @bob!"})

		for _, who := range []*ent.Account{bob, carol} {
			if n := r.notifications(who, notification.TypeMENTION); n != 1 {
				t.Errorf("%s has %d mention notifications, want 1", who.Username, n)
			}
		}
		if b, c := len(received(bobHears)), len(received(carolHears)); b != 1 || c != 1 {
			t.Errorf("notification events: bob %d, carol %d; want 1 each", b, c)
		}
		if got := r.mentioned(st); len(got) != 2 {
			t.Errorf("mentions %v, want bob and carol", got)
		}
	})
}

func TestEditResetsThePollOnlyWhenItChanges(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob"), testrig.LocalAccount(t, db, "carol")
		poll := func(multiple bool, options ...string) *posting.PollDraft {
			return &posting.PollDraft{Options: options, ExpiresIn: time.Hour, Multiple: multiple}
		}
		st := r.post(alice, posting.NewStatus{Draft: posting.Draft{Text: "tea or coffee?", Poll: poll(false, "tea", "coffee")}})
		original := st.QueryPoll().OnlyX(r.ctx)
		db.PollVote.Create().SetPollID(original.ID).SetAccountID(bob.ID).SetChoice(0).ExecX(r.ctx)
		db.PollVote.Create().SetPollID(original.ID).SetAccountID(carol.ID).SetChoice(1).ExecX(r.ctx)

		steps := []struct {
			name      string
			poll      *posting.PollDraft
			wantSame  bool
			wantVotes int
			options   []string // nil: no poll left
		}{
			{"same options, spaced differently", poll(false, " tea", "coffee "), true, 2, []string{"tea", "coffee"}},
			{"an option added", poll(false, "tea", "coffee", "water"), false, 0, []string{"tea", "coffee", "water"}},
			{"multiple choice turned on", poll(true, "tea", "coffee", "water"), false, 0, []string{"tea", "coffee", "water"}},
			{"poll removed", nil, false, 0, nil},
		}
		current := original
		for _, s := range steps {
			if s.name == "multiple choice turned on" {
				db.PollVote.Create().SetPollID(current.ID).SetAccountID(bob.ID).SetChoice(2).ExecX(r.ctx)
			}
			r.edit(alice, st, posting.Draft{Text: "tea or coffee?", Poll: s.poll})
			p, err := st.QueryPoll().Only(r.ctx)
			if s.options == nil {
				if !ent.IsNotFound(err) {
					t.Errorf("%s: poll %v (%v), want none", s.name, p, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			votes := r.count(p.QueryVotes())
			if (p.ID == current.ID) != s.wantSame || votes != s.wantVotes || !slices.Equal(p.Options, s.options) {
				t.Errorf("%s: poll kept=%v with %d votes and options %q; want kept=%v, %d votes, %q",
					s.name, p.ID == current.ID, votes, p.Options, s.wantSame, s.wantVotes, s.options)
			}
			current = p
		}
		if revs := r.history(st); len(revs) != 4 || !slices.Equal(revs[0].PollOptions, []string{"tea", "coffee"}) {
			t.Errorf("history does not remember the original poll")
		}
		if n := r.count(db.PollVote.Query()); n != 0 {
			t.Errorf("%d votes left over from replaced polls", n)
		}
	})
}

func TestEditOnlyTheAuthorsOwnStatuses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		bobs := r.say(bob, "bob's words")
		boost := r.boost(alice, bobs)
		bobsHome := r.listen(hub.HomeStream(bob.ID))

		cases := []struct {
			name, id string
			code     apperr.Code
		}{
			{"someone else's", bobs.ID, apperr.NotFound},
			{"unknown", "01ARZ3NDEKTSV4RRFFQ69G5FAV", apperr.NotFound},
			{"a boost", boost.ID, apperr.BadInput},
		}
		for _, c := range cases {
			_, err := r.svc.Edit(r.ctx, alice.ID, c.id, posting.Draft{Text: "alice's words"})
			if !apperr.Is(err, c.code) {
				t.Errorf("editing %s status: %v, want %s", c.name, err, c.code)
			}
		}
		if got := r.reload(bobs); got.Text != "bob's words" || got.EditedAt != nil || len(r.history(bobs)) != 0 {
			t.Errorf("bob's status was changed: %q", got.Text)
		}
		if d := received(bobsHome); len(d) != 0 {
			t.Errorf("a refused edit was announced: %+v", d)
		}
	})
}

func TestEditAnnouncesTheChangeAfterCommit(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		r.follow(bob, alice)
		st := r.say(alice, "typo")
		bobsHome := r.listen(hub.HomeStream(bob.ID))

		if _, err := r.svc.Edit(r.ctx, alice.ID, st.ID, posting.Draft{Text: strings.Repeat("a", 501)}); err == nil {
			t.Fatal("an edit over the limit was accepted")
		}
		if len(received(bobsHome)) != 0 || len(r.history(st)) != 0 {
			t.Errorf("a refused edit was announced or stored a revision")
		}
		r.edit(alice, st, posting.Draft{Text: "fixed"})
		wantOne(t, "bob's home", bobsHome, hub.StatusUpdated, st, alice)
	})
}

// TestEditKeepsAPollsVotesButTakesItsNewSettings: with the same options the votes
// stay, but what else the author changed about the poll must still take effect.
func TestEditKeepsAPollsVotesButTakesItsNewSettings(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		st := r.post(alice, posting.NewStatus{Draft: posting.Draft{Text: "tea or coffee?",
			Poll: &posting.PollDraft{Options: []string{"tea", "coffee"}, ExpiresIn: time.Hour}}})
		db.PollVote.Create().SetPollID(st.QueryPoll().OnlyIDX(r.ctx)).SetAccountID(bob.ID).SetChoice(0).ExecX(r.ctx)
		edited := r.edit(alice, st, posting.Draft{Text: "tea or coffee?",
			Poll: &posting.PollDraft{Options: []string{"tea", "coffee"}, ExpiresIn: 2 * time.Hour, HideTotals: true}})
		p := edited.QueryPoll().OnlyX(r.ctx)
		if n := r.count(p.QueryVotes()); n != 1 {
			t.Errorf("%d votes after an edit that kept the options, want 1", n)
		}
		t.Run("new settings", func(t *testing.T) {
			if !p.HideTotals || p.ExpiresAt == nil || !p.ExpiresAt.Equal(edited.EditedAt.Add(2*time.Hour)) {
				t.Errorf("poll hides totals %v, expires %v; want true, two hours after the edit", p.HideTotals, p.ExpiresAt)
			}
		})
	})
}
