package posting_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/text"
)

func TestCreateFillsInTheAuthorsDefaults(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		err := db.User.Update().Where(user.HasAccountWith(account.ID(alice.ID))).
			SetDefaultVisibility(user.DefaultVisibilityUNLISTED).SetDefaultSensitive(true).
			SetDefaultLanguage("de").SetDefaultContentType(user.DefaultContentTypeMARKDOWN).Exec(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		no, yes := false, true
		cases := []struct {
			name        string
			author      string
			in          posting.NewStatus
			vis         status.Visibility
			sensitive   bool
			lang        string
			contentType status.ContentType
			html        string // a fragment the content must contain
		}{
			{"alice's defaults", "alice", posting.NewStatus{Draft: posting.Draft{Text: "**hi**"}},
				status.VisibilityUNLISTED, true, "de", status.ContentTypeMARKDOWN, "<strong>hi</strong>"},
			{"chosen over alice's defaults", "alice", posting.NewStatus{
				Draft:      posting.Draft{Text: "**hi**", ContentType: text.Plain, Sensitive: &no, Language: "en"},
				Visibility: status.VisibilityPUBLIC},
				status.VisibilityPUBLIC, false, "en", status.ContentTypePLAIN, "**hi**"},
			{"a content warning makes it sensitive", "alice", posting.NewStatus{
				Draft: posting.Draft{Text: "hi", SpoilerText: "spoilers", Sensitive: &no}},
				status.VisibilityUNLISTED, true, "de", status.ContentTypeMARKDOWN, "hi"},
			{"bob's untouched defaults", "bob", posting.NewStatus{Draft: posting.Draft{Text: "**hi**"}},
				status.VisibilityPUBLIC, false, "", status.ContentTypePLAIN, "**hi**"},
			{"bob asks for sensitive", "bob", posting.NewStatus{Draft: posting.Draft{Text: "hi", Sensitive: &yes}},
				status.VisibilityPUBLIC, true, "", status.ContentTypePLAIN, "hi"},
		}
		for _, c := range cases {
			author := alice
			if c.author == "bob" {
				author = bob
			}
			st := r.post(author, c.in)
			if st.Visibility != c.vis || st.Sensitive != c.sensitive || st.Language != c.lang || st.ContentType != c.contentType {
				t.Errorf("%s: visibility %s, sensitive %v, language %q, content type %s; want %s, %v, %q, %s",
					c.name, st.Visibility, st.Sensitive, st.Language, st.ContentType, c.vis, c.sensitive, c.lang, c.contentType)
			}
			if !strings.Contains(st.Content, c.html) || st.Text != c.in.Text {
				t.Errorf("%s: content %q, source %q; want content with %q and the source kept", c.name, st.Content, st.Text, c.html)
			}
			wantURI := "https://" + testrig.TestHost + "/users/" + author.Username + "/statuses/" + st.ID
			if st.URI != wantURI || st.ThreadID != st.ID || !st.Local || st.InReplyToID != nil {
				t.Errorf("%s: uri %s, thread %s, local %v; want %s, its own thread, local", c.name, st.URI, st.ThreadID, st.Local, wantURI)
			}
		}
		_, err = r.svc.Create(r.ctx, alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "hi"}, Visibility: "SECRET"})
		wantCode(t, err, apperr.BadInput)
	})
}

func TestCreateCountsTheAuthorsStatuses(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		if a := r.account(alice); a.StatusesCount != 0 || a.LastStatusAt != nil {
			t.Fatalf("fresh account: %d statuses, last at %v", a.StatusesCount, a.LastStatusAt)
		}
		r.say(alice, "one")
		second := r.say(alice, "two")
		a := r.account(alice)
		if a.StatusesCount != 2 || a.LastStatusAt == nil || !a.LastStatusAt.Equal(second.CreatedAt) {
			t.Errorf("%d statuses, last at %v; want 2, last at %v", a.StatusesCount, a.LastStatusAt, second.CreatedAt)
		}
	})
}

func TestCreateAttachesMediaAndPolls(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		mine := db.MediaAttachment.Create().SetAccountID(alice.ID).SetProcessing(mediaattachment.ProcessingPROCESSED).SaveX(r.ctx)
		bobs := db.MediaAttachment.Create().SetAccountID(bob.ID).SetProcessing(mediaattachment.ProcessingPROCESSED).SaveX(r.ctx)

		withMedia := r.post(alice, posting.NewStatus{Draft: posting.Draft{MediaIDs: []string{mine.ID}}})
		if n := r.count(db.MediaAttachment.Query().Where(mediaattachment.HasStatusWith(status.ID(withMedia.ID)))); n != 1 {
			t.Errorf("%d attachments on the status, want 1", n)
		}
		for name, id := range map[string]string{"someone else's": bobs.ID, "already attached": mine.ID, "unknown": "01NOSUCHMEDIA"} {
			_, err := r.svc.Create(r.ctx, alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "look", MediaIDs: []string{id}}})
			if !apperr.Is(err, apperr.BadInput) {
				t.Errorf("%s media: %v, want BAD_USER_INPUT", name, err)
			}
		}

		withPoll := r.post(alice, posting.NewStatus{Draft: posting.Draft{Text: "vote", Poll: &posting.PollDraft{
			Options: []string{" tea ", "coffee"}, ExpiresIn: time.Hour, Multiple: true}}})
		p, err := withPoll.QueryPoll().Only(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p.Options[0] != "tea" || p.Options[1] != "coffee" || !p.Multiple || p.ExpiresAt == nil ||
			!p.ExpiresAt.Equal(withPoll.CreatedAt.Add(time.Hour)) {
			t.Errorf("poll %q multiple=%v expires %v; want trimmed options, multiple, an hour after posting", p.Options, p.Multiple, p.ExpiresAt)
		}
		if n := r.count(db.Status.Query()); n != 2 {
			t.Errorf("%d statuses, want 2 (the rejected ones rolled back)", n)
		}
	})
}

func TestCreateReplies(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob, carol := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob"), testrig.LocalAccount(t, db, "carol")
		root := r.say(bob, "root")
		reply := r.post(alice, posting.NewStatus{Draft: posting.Draft{Text: "reply"}, InReplyToID: root.ID})
		if reply.InReplyToID == nil || *reply.InReplyToID != root.ID || reply.InReplyToAccountID == nil ||
			*reply.InReplyToAccountID != bob.ID || reply.ThreadID != root.ID {
			t.Errorf("reply: in reply to %v (account %v), thread %s; want %s by bob, thread %s",
				reply.InReplyToID, reply.InReplyToAccountID, reply.ThreadID, root.ID, root.ID)
		}
		deeper := r.post(carol, posting.NewStatus{Draft: posting.Draft{Text: "deeper"}, InReplyToID: reply.ID})
		if deeper.ThreadID != root.ID || *deeper.InReplyToAccountID != alice.ID {
			t.Errorf("reply to a reply: thread %s, to account %s; want thread %s, alice", deeper.ThreadID, *deeper.InReplyToAccountID, root.ID)
		}
		if n, m := r.reload(root).RepliesCount, r.reload(reply).RepliesCount; n != 1 || m != 1 {
			t.Errorf("replies counted %d on the root and %d on the reply, want 1 and 1", n, m)
		}

		_, err := r.svc.Create(r.ctx, alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "hi"}, InReplyToID: r.boost(carol, root).ID})
		wantCode(t, err, apperr.BadInput)
	})
}

// TestCreateReplyToAnInvisibleStatus checks that a status the author may not see is
// as good as missing, and that the failed reply leaves no trace.
func TestCreateReplyToAnInvisibleStatus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, bob := testrig.LocalAccount(t, db, "alice"), testrig.LocalAccount(t, db, "bob")
		secret := r.post(bob, posting.NewStatus{Draft: posting.Draft{Text: "followers only"}, Visibility: status.VisibilityFOLLOWERS_ONLY})
		statusesBefore := r.count(db.Status.Query())
		alicesHome, bobsNotes := r.listen(hub.HomeStream(alice.ID)), r.listen(hub.NotificationStream(bob.ID))

		for name, id := range map[string]string{"invisible": secret.ID, "unknown": "01ARZ3NDEKTSV4RRFFQ69G5FAV"} {
			_, err := r.svc.Create(r.ctx, alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "hi @bob #sneaky"}, InReplyToID: id})
			if !apperr.Is(err, apperr.NotFound) {
				t.Errorf("reply to %s status: %v, want NOT_FOUND", name, err)
			}
		}
		if n := r.count(db.Status.Query()); n != statusesBefore {
			t.Errorf("%d statuses after the failed replies, want %d", n, statusesBefore)
		}
		if r.reload(secret).RepliesCount != 0 || r.account(alice).StatusesCount != 0 || r.count(db.Tag.Query()) != 0 ||
			r.count(db.Mention.Query()) != 0 || r.count(db.Notification.Query()) != 0 {
			t.Errorf("a failed reply left counters, tags, mentions or notifications behind")
		}
		if len(received(alicesHome))+len(received(bobsNotes)) != 0 {
			t.Errorf("a failed reply was announced")
		}
	})
}

func TestCreateRefusesMediaNotReady(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		pending := db.MediaAttachment.Create().SetAccountID(alice.ID).SaveX(r.ctx)
		avatar := db.MediaAttachment.Create().SetAccountID(alice.ID).SetProcessing(mediaattachment.ProcessingPROCESSED).
			SetPurpose(mediaattachment.PurposeAVATAR).SaveX(r.ctx)
		_, err := r.svc.Create(r.ctx, alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "look", MediaIDs: []string{pending.ID}}})
		if !apperr.Is(err, apperr.BadInput) || !strings.Contains(err.Error(), "not finished processing") {
			t.Errorf("pending media: %v", err)
		}
		_, err = r.svc.Create(r.ctx, alice.ID, posting.NewStatus{Draft: posting.Draft{Text: "look", MediaIDs: []string{avatar.ID}}})
		if !apperr.Is(err, apperr.BadInput) {
			t.Errorf("avatar as attachment: %v", err)
		}
	})
}
