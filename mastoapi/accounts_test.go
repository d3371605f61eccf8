package mastoapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestOwnAccount(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice := g.user("alice")

		var me accountJSON
		g.get("/api/v1/accounts/verify_credentials", alice.token).ok(&me)
		if me.ID != alice.ID || me.Username != "alice" || me.Acct != "alice" || me.Source == nil || me.Source.Privacy != "public" {
			t.Fatalf("verify_credentials: %+v", me)
		}

		// The same update, form-encoded and as JSON, reads the same.
		updates := map[string]any{
			"form": form{
				"display_name": {"Alice A."}, "note": {"I post <things>"}, "locked": {"1"},
				"fields_attributes[0][name]": {"pronouns"}, "fields_attributes[0][value]": {"she/her"},
				"fields_attributes[1][name]": {""}, "fields_attributes[1][value]": {""},
				"source[privacy]": {"private"}, "source[sensitive]": {"true"}, "source[language]": {"de"},
			},
			"json": map[string]any{
				"display_name": "Alice A.", "note": "I post <things>", "locked": true,
				"fields_attributes": []map[string]string{{"name": "pronouns", "value": "she/her"}, {"name": "", "value": ""}},
				"source":            map[string]any{"privacy": "private", "sensitive": true, "language": "de"},
			},
		}
		for name, body := range updates {
			// Start each encoding from a blank profile so neither inherits the other's result.
			g.call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.token, form{
				"display_name": {""}, "note": {""}, "locked": {"0"}, "fields_attributes": {""}, "source[privacy]": {"public"},
			}).ok(nil)
			var got accountJSON
			g.call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.token, body).ok(&got)
			if got.DisplayName != "Alice A." || !got.Locked || got.Source.Privacy != "private" ||
				!got.Source.Sensitive || got.Source.Language != "de" || got.Source.Note != "I post <things>" {
				t.Errorf("%s: update_credentials answered %+v (source %+v)", name, got, got.Source)
			}
			if got.Note != "<p>I post &lt;things&gt;</p>" {
				t.Errorf("%s: note HTML %q", name, got.Note)
			}
			if len(got.Fields) != 1 || got.Fields[0].Name != "pronouns" || got.Fields[0].Value != "she/her" {
				t.Errorf("%s: fields %+v, want the one non-empty field", name, got.Fields)
			}
		}

		g.call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.token,
			form{"display_name": {strings.Repeat("a", 31)}}).errorIs(http.StatusUnprocessableEntity, "")
		g.call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.token,
			form{"source[privacy]": {"secret"}}).errorIs(http.StatusUnprocessableEntity, "")

		// Multipart, as apps send profile forms; an image that is not one is refused,
		// and the rest of the update with it.
		var got accountJSON
		g.call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.token,
			multipartForm{fields: map[string]string{"display_name": "Multi Part", "bot": "true"}}).ok(&got)
		if got.DisplayName != "Multi Part" {
			t.Errorf("multipart update: %+v", got)
		}
		g.call(http.MethodPatch, "/api/v1/accounts/update_credentials", alice.token, multipartForm{
			fields: map[string]string{"display_name": "With Avatar"}, files: map[string][]byte{"avatar": []byte("\x89PNG")},
		}).errorIs(http.StatusUnprocessableEntity, "Validation failed: the file is text/plain, which is not an accepted type (JPEG, PNG, GIF, WebP images; MP4, MOV, WebM, Ogg videos; MP3, Ogg, FLAC, WAV, M4A, AAC audio)")
		g.get("/api/v1/accounts/verify_credentials", alice.token).ok(&got)
		if got.DisplayName != "Multi Part" {
			t.Errorf("a refused update changed the display name to %q", got.DisplayName)
		}
	})
}

func TestOtherAccounts(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice, bob := g.user("alice"), g.user("bob")
		testrig.RemoteAccount(t, db, "carol", "remote.example")

		var got accountJSON
		g.get("/api/v1/accounts/"+bob.ID, "").ok(&got)
		if got.ID != bob.ID || got.Username != "bob" || got.Acct != "bob" {
			t.Errorf("get: %+v", got)
		}
		g.get("/api/v1/accounts/01NOSUCHACCOUNT", alice.token).errorIs(http.StatusNotFound, "Record not found")

		for acct, want := range map[string]string{
			"bob": "bob", "@bob@" + testrig.TestHost: "bob", "carol@remote.example": "carol@remote.example",
		} {
			var a accountJSON
			g.get("/api/v1/accounts/lookup?acct="+acct, "").ok(&a)
			if a.Acct != want {
				t.Errorf("lookup %s: acct %q, want %q", acct, a.Acct, want)
			}
		}
		g.get("/api/v1/accounts/lookup?acct=nobody", "").errorIs(http.StatusNotFound, "Record not found")

		var found []accountJSON
		g.get("/api/v1/accounts/search?q=bo", alice.token).ok(&found)
		if len(found) != 1 || found[0].ID != bob.ID {
			t.Errorf("search bo: %+v", found)
		}
		g.get("/api/v1/accounts/search?q=nothing-like-it", alice.token).ok(&found)
		if len(found) != 0 {
			t.Errorf("search for nobody: %+v", found)
		}
	})
}

func TestRelationshipActions(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice, bob := g.user("alice"), g.user("bob")
		path := func(action string) string { return "/api/v1/accounts/" + bob.ID + "/" + action }

		steps := []struct {
			action string
			body   any
			check  func(r relationshipJSON) bool
		}{
			{"follow", form{"reblogs": {"false"}, "notify": {"1"}}, func(r relationshipJSON) bool {
				return r.Following && !r.ShowingReblogs && r.Notifying
			}},
			{"follow", map[string]any{"reblogs": true}, func(r relationshipJSON) bool {
				return r.Following && r.ShowingReblogs && r.Notifying // notify kept
			}},
			{"note", form{"comment": {"met at the meetup"}}, func(r relationshipJSON) bool { return r.Note == "met at the meetup" }},
			{"mute", map[string]any{"notifications": false, "duration": 3600}, func(r relationshipJSON) bool {
				return r.Muting && !r.MutingNotifications
			}},
			{"unmute", nil, func(r relationshipJSON) bool { return !r.Muting }},
			{"unfollow", nil, func(r relationshipJSON) bool { return !r.Following }},
			{"block", nil, func(r relationshipJSON) bool { return r.Blocking && !r.Following }},
			{"unblock", nil, func(r relationshipJSON) bool { return !r.Blocking }},
		}
		for _, s := range steps {
			var rel relationshipJSON
			g.post(path(s.action), alice.token, s.body).ok(&rel)
			if rel.ID != bob.ID || !s.check(rel) {
				t.Errorf("%s %v: relationship %+v", s.action, s.body, rel)
			}
		}

		// Bob follows alice, and alice removes him from her followers.
		g.post("/api/v1/accounts/"+alice.ID+"/follow", bob.token, nil).ok(nil)
		var rels []relationshipJSON
		g.get("/api/v1/accounts/relationships?id[]="+bob.ID+"&id[]=01UNKNOWN", alice.token).ok(&rels)
		if len(rels) != 1 || !rels[0].FollowedBy {
			t.Fatalf("relationships: %+v, want bob following alice", rels)
		}
		var rel relationshipJSON
		g.post(path("remove_from_followers"), alice.token, nil).ok(&rel)
		if rel.FollowedBy {
			t.Errorf("remove_from_followers: %+v", rel)
		}

		g.post("/api/v1/accounts/01NOSUCHACCOUNT/follow", alice.token, nil).errorIs(http.StatusNotFound, "Record not found")
		g.post("/api/v1/accounts/"+alice.ID+"/follow", alice.token, nil).errorIs(http.StatusUnprocessableEntity, "")
		g.post(path("mute"), alice.token, form{"duration": {"forever"}}).errorIs(http.StatusUnprocessableEntity, "")
		g.post(path("follow"), alice.token, `{"reblogs":`).errorIs(http.StatusBadRequest, "")
	})
}

// A locked account gets a follow request, which shows as requested.
func TestFollowLockedAccount(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		g := newRig(t, db)
		alice, bob := g.user("alice"), g.user("bob")
		g.call(http.MethodPatch, "/api/v1/accounts/update_credentials", bob.token, form{"locked": {"true"}}).ok(nil)
		var rel relationshipJSON
		g.post("/api/v1/accounts/"+bob.ID+"/follow", alice.token, nil).ok(&rel)
		if rel.Following || !rel.Requested {
			t.Errorf("follow of a locked account: %+v", rel)
		}
	})
}
