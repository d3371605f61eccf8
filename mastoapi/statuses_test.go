package mastoapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestCreateStatus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice := g.user("alice")

		// The same status, form-encoded and as JSON.
		bodies := map[string]any{
			"form": form{
				"status": {"hello #fedi"}, "visibility": {"unlisted"}, "spoiler_text": {"cw"}, "language": {"en"},
				"poll[options][]": {"yes", "no"}, "poll[expires_in]": {"3600"}, "poll[multiple]": {"true"},
			},
			"json": map[string]any{
				"status": "hello #fedi", "visibility": "unlisted", "spoiler_text": "cw", "language": "en",
				"poll": map[string]any{"options": []string{"yes", "no"}, "expires_in": 3600, "multiple": true},
			},
		}
		for name, body := range bodies {
			st := createStatus(t, g, alice, body)
			if st.ID == "" || st.Content != "<p>hello #fedi</p>" && !strings.Contains(st.Content, "hello") {
				t.Errorf("%s: content %q", name, st.Content)
			}
			if st.Visibility != "unlisted" || st.SpoilerText != "cw" || !st.Sensitive || st.Language == nil || *st.Language != "en" {
				t.Errorf("%s: %+v", name, st)
			}
			if st.Account.ID != alice.ID || len(st.Tags) != 1 || st.Tags[0].Name != "fedi" {
				t.Errorf("%s: account %s, tags %+v", name, st.Account.ID, st.Tags)
			}
			if st.Poll == nil || !st.Poll.Multiple || len(st.Poll.Options) != 2 || st.Poll.Options[0].Title != "yes" {
				t.Errorf("%s: poll %+v", name, st.Poll)
			}
			if st.Application == nil || st.Application.Name != "fixture app" {
				t.Errorf("%s: application %+v, want the token's", name, st.Application)
			}
		}

		// Visibilities as Mastodon names them.
		for _, vis := range []string{"public", "unlisted", "private", "direct"} {
			st := createStatus(t, g, alice, form{"status": {"v"}, "visibility": {vis}})
			if st.Visibility != vis {
				t.Errorf("visibility %s came back as %s", vis, st.Visibility)
			}
		}
		// A reply counts on its parent and names it.
		parent := createStatus(t, g, alice, form{"status": {"parent"}})
		reply := createStatus(t, g, alice, map[string]any{"status": "reply", "in_reply_to_id": parent.ID})
		if reply.InReplyToID == nil || *reply.InReplyToID != parent.ID {
			t.Errorf("reply: in_reply_to_id %v", reply.InReplyToID)
		}

		bad := []struct {
			name   string
			body   any
			status int
		}{
			{"over-long", form{"status": {strings.Repeat("a", testMaxChars+1)}}, http.StatusUnprocessableEntity},
			{"empty", form{"status": {"  "}}, http.StatusUnprocessableEntity},
			{"unknown visibility", form{"status": {"x"}, "visibility": {"friends"}}, http.StatusUnprocessableEntity},
			{"poll expiry not a number", form{"status": {"x"}, "poll[options][]": {"a", "b"}, "poll[expires_in]": {"soon"}}, http.StatusUnprocessableEntity},
			{"one poll option", map[string]any{"status": "x", "poll": map[string]any{"options": []string{"a"}, "expires_in": 600}}, http.StatusUnprocessableEntity},
			{"scheduled, on a server without a job queue", form{"status": {"x"}, "scheduled_at": {"2099-01-01T00:00:00Z"}}, http.StatusUnprocessableEntity},
			{"reply to nothing", form{"status": {"x"}, "in_reply_to_id": {"01NOSUCHSTATUS"}}, http.StatusNotFound},
			{"unknown media", form{"status": {"x"}, "media_ids[]": {"01NOSUCHMEDIA"}}, http.StatusUnprocessableEntity},
			{"malformed JSON", `{"status": "x"`, http.StatusBadRequest},
		}
		for _, c := range bad {
			r := g.post("/api/v1/statuses", alice.token, c.body)
			if r.status != c.status {
				t.Errorf("%s: %d %s, want %d", c.name, r.status, r.body, c.status)
				continue
			}
			r.errorIs(c.status, "")
		}
		var over struct{ Error string }
		g.post("/api/v1/statuses", alice.token, form{"status": {strings.Repeat("a", testMaxChars+1)}}).want(http.StatusUnprocessableEntity, &over)
		if !strings.Contains(over.Error, "limit of 500") {
			t.Errorf("over-long status: error %q does not name the limit", over.Error)
		}
	})
}

func TestReadEditDeleteStatus(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice, bob := g.user("alice"), g.user("bob")
		st := createStatus(t, g, alice, form{"status": {"first draft"}})

		var got statusJSON
		g.get("/api/v1/statuses/"+st.ID, "").ok(&got)
		if got.ID != st.ID || got.Content != st.Content || got.Favourited != nil {
			t.Errorf("anonymous get: %+v", got)
		}
		g.get("/api/v1/statuses/"+st.ID, bob.token).ok(&got)
		if got.Favourited == nil || *got.Favourited {
			t.Errorf("signed-in get: favourited %v, want false", got.Favourited)
		}

		// Thread context around a reply in the middle.
		reply := createStatus(t, g, bob, form{"status": {"a reply"}, "in_reply_to_id": {st.ID}})
		replyToReply := createStatus(t, g, alice, form{"status": {"and back"}, "in_reply_to_id": {reply.ID}})
		var c struct{ Ancestors, Descendants []statusJSON }
		g.get("/api/v1/statuses/"+reply.ID+"/context", "").ok(&c)
		if len(c.Ancestors) != 1 || c.Ancestors[0].ID != st.ID || len(c.Descendants) != 1 || c.Descendants[0].ID != replyToReply.ID {
			t.Errorf("context: %d ancestors, %d descendants", len(c.Ancestors), len(c.Descendants))
		}

		// Editing, by JSON, keeps the old text in the history.
		var edited statusJSON
		g.call(http.MethodPut, "/api/v1/statuses/"+st.ID, alice.token, map[string]any{"status": "second draft", "spoiler_text": "cw"}).ok(&edited)
		if !strings.Contains(edited.Content, "second draft") || edited.EditedAt == nil || edited.SpoilerText != "cw" {
			t.Errorf("edit: %+v", edited)
		}
		var history []struct {
			Content string `json:"content"`
		}
		g.get("/api/v1/statuses/"+st.ID+"/history", "").ok(&history)
		if len(history) != 2 || !strings.Contains(history[0].Content, "first draft") || !strings.Contains(history[1].Content, "second draft") {
			t.Errorf("history: %+v", history)
		}
		var source struct{ ID, Text, SpoilerText string }
		g.get("/api/v1/statuses/"+st.ID+"/source", alice.token).ok(&source)
		if source.ID != st.ID || source.Text != "second draft" {
			t.Errorf("source: %+v", source)
		}
		// Only the author sees the source, and only the author may edit or delete.
		g.get("/api/v1/statuses/"+st.ID+"/source", bob.token).errorIs(http.StatusNotFound, "Record not found")
		g.call(http.MethodPut, "/api/v1/statuses/"+st.ID, bob.token, form{"status": {"mine now"}}).errorIs(http.StatusNotFound, "Record not found")
		g.call(http.MethodDelete, "/api/v1/statuses/"+st.ID, bob.token, nil).errorIs(http.StatusNotFound, "Record not found")
		g.call(http.MethodPut, "/api/v1/statuses/"+st.ID, alice.token, form{"status": {strings.Repeat("b", testMaxChars+1)}}).
			errorIs(http.StatusUnprocessableEntity, "")

		// Deleting answers the status with its source, for redrafting; then it is gone.
		var deleted statusJSON
		g.call(http.MethodDelete, "/api/v1/statuses/"+replyToReply.ID, alice.token, nil).ok(&deleted)
		if deleted.ID != replyToReply.ID || deleted.Text == nil || *deleted.Text != "and back" || deleted.InReplyToID == nil {
			t.Errorf("delete: %+v", deleted)
		}
		g.get("/api/v1/statuses/"+replyToReply.ID, alice.token).errorIs(http.StatusNotFound, "Record not found")
	})
}

// A followers-only status is not there for someone who does not follow its author,
// on every route that takes it; following makes it appear.
func TestInvisibleStatusIsNotFound(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice, bob := g.user("alice"), g.user("bob")
		secret := createStatus(t, g, bob, form{"status": {"followers only"}, "visibility": {"private"}})
		p := "/api/v1/statuses/" + secret.ID
		for _, path := range []string{p, p + "/context", p + "/history", p + "/reblogged_by", p + "/favourited_by"} {
			g.get(path, alice.token).errorIs(http.StatusNotFound, "Record not found")
			g.get(path, "").errorIs(http.StatusNotFound, "Record not found")
		}
		for _, action := range []string{"favourite", "reblog", "bookmark", "mute"} {
			g.post(p+"/"+action, alice.token, nil).errorIs(http.StatusNotFound, "Record not found")
		}
		g.post("/api/v1/statuses", alice.token, form{"status": {"x"}, "in_reply_to_id": {secret.ID}}).
			errorIs(http.StatusNotFound, "")

		g.post("/api/v1/accounts/"+bob.ID+"/follow", alice.token, nil).ok(nil)
		var got statusJSON
		g.get(p, alice.token).ok(&got)
		if got.Visibility != "private" {
			t.Errorf("followers-only status seen by a follower: %+v", got)
		}
	})
}

func TestStatusInteractions(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice, bob := g.user("alice"), g.user("bob")
		st := createStatus(t, g, bob, form{"status": {"boost me"}})
		own := createStatus(t, g, alice, form{"status": {"pin me"}})
		p := func(id, action string) string { return "/api/v1/statuses/" + id + "/" + action }

		steps := []struct {
			id, action string
			check      func(s statusJSON) bool
		}{
			{st.ID, "favourite", func(s statusJSON) bool { return *s.Favourited && s.FavouritesCount == 1 }},
			{st.ID, "favourite", func(s statusJSON) bool { return *s.Favourited && s.FavouritesCount == 1 }},
			{st.ID, "bookmark", func(s statusJSON) bool { return *s.Bookmarked }},
			{st.ID, "unbookmark", func(s statusJSON) bool { return !*s.Bookmarked }},
			{st.ID, "mute", func(s statusJSON) bool { return *s.Muted }},
			{st.ID, "unmute", func(s statusJSON) bool { return !*s.Muted }},
			{own.ID, "pin", func(s statusJSON) bool { return *s.Pinned }},
			{own.ID, "unpin", func(s statusJSON) bool { return !*s.Pinned }},
		}
		for _, s := range steps {
			var got statusJSON
			g.post(p(s.id, s.action), alice.token, nil).ok(&got)
			if got.ID != s.id || !s.check(got) {
				t.Errorf("%s: %+v", s.action, got)
			}
		}
		g.post(p(st.ID, "pin"), alice.token, nil).errorIs(http.StatusUnprocessableEntity, "")

		var favouritedBy []accountJSON
		g.get(p(st.ID, "favourited_by"), "").ok(&favouritedBy)
		if len(favouritedBy) != 1 || favouritedBy[0].ID != alice.ID {
			t.Errorf("favourited_by: %+v", favouritedBy)
		}
		var un statusJSON
		g.post(p(st.ID, "unfavourite"), alice.token, nil).ok(&un)
		if *un.Favourited || un.FavouritesCount != 0 {
			t.Errorf("unfavourite: %+v", un)
		}

		// A boost answers the boost itself, wrapping the original.
		var boost statusJSON
		g.post(p(st.ID, "reblog"), alice.token, form{"visibility": {"unlisted"}}).ok(&boost)
		if boost.ID == st.ID || boost.Account.ID != alice.ID || boost.Visibility != "unlisted" ||
			boost.Reblog == nil || boost.Reblog.ID != st.ID || !*boost.Reblog.Reblogged || boost.Reblog.ReblogsCount != 1 {
			t.Errorf("reblog: %+v (reblog %+v)", boost, boost.Reblog)
		}
		var rebloggedBy []accountJSON
		g.get(p(st.ID, "reblogged_by"), bob.token).ok(&rebloggedBy)
		if len(rebloggedBy) != 1 || rebloggedBy[0].ID != alice.ID {
			t.Errorf("reblogged_by: %+v", rebloggedBy)
		}
		g.post(p(st.ID, "reblog"), alice.token, form{"visibility": {"sideways"}}).errorIs(http.StatusUnprocessableEntity, "")
		var unboosted statusJSON
		g.post(p(st.ID, "unreblog"), alice.token, nil).ok(&unboosted)
		if unboosted.ID != st.ID || *unboosted.Reblogged || unboosted.ReblogsCount != 0 {
			t.Errorf("unreblog: %+v", unboosted)
		}
		g.get(p(st.ID, "reblogged_by"), bob.token).ok(&rebloggedBy)
		if len(rebloggedBy) != 0 {
			t.Errorf("reblogged_by after unreblog: %+v", rebloggedBy)
		}

		// Only public and unlisted statuses may be boosted by others.
		private := createStatus(t, g, bob, form{"status": {"mine"}, "visibility": {"private"}})
		g.post("/api/v1/accounts/"+bob.ID+"/follow", alice.token, nil).ok(nil)
		g.post(p(private.ID, "reblog"), alice.token, nil).errorIs(http.StatusForbidden, "")
	})
}
