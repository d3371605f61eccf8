package inbound_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/mention"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/inbound"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestCreateStoresARemoteStatusLikeALocalOne(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		if _, err := r.rel.Follow(r.ctx, alice.ID, bob.ID, relationsDefaults()); err != nil {
			t.Fatal(err)
		}
		r.mustApply(bob, map[string]any{"id": "https://remote.example/accept/1", "type": "Accept", "actor": bob.URI,
			"object": map[string]any{"type": "Follow", "actor": alice.URI, "object": bob.URI}})
		home, public, remoteTL, tag := r.listen(hub.HomeStream(alice.ID)), r.listen(hub.PublicStream()),
			r.listen(hub.RemoteStream()), r.listen(hub.TagStream("cats"))
		notes := r.listen(hub.NotificationStream(alice.ID))

		create := note(bob, "1", map[string]any{
			"content":   `<p>hi <a href="` + alice.URL + `" class="u-url mention">@alice</a> #Cats <script>alert(1)</script>:wave:</p>`,
			"summary":   "cw",
			"published": "2026-02-01T10:00:00Z",
			"url":       "https://remote.example/@bob/1",
			"tag": []any{
				map[string]any{"type": "Mention", "href": alice.URI, "name": "@alice@" + localHost},
				map[string]any{"type": "Hashtag", "name": "#Cats"},
				map[string]any{"type": "Emoji", "name": ":wave:", "icon": map[string]any{"url": "https://remote.example/wave.png", "mediaType": "image/png"}},
			},
			"attachment": []any{map[string]any{"type": "Document", "mediaType": "image/png", "url": "https://remote.example/cat.png",
				"name": "a cat", "blurhash": "LKO2", "width": 400, "height": 200, "focalPoint": []any{0.5, -0.5}}},
		})
		r.mustApply(bob, create)

		st := r.statusByURI(bob.URI + "/statuses/1")
		if st == nil {
			t.Fatal("no status stored")
		}
		if st.Local || st.Visibility != status.VisibilityPUBLIC || st.SpoilerText != "cw" || !st.Sensitive || st.URL != "https://remote.example/@bob/1" {
			t.Errorf("stored %+v", st)
		}
		if strings.Contains(st.Content, "script") || !strings.Contains(st.Content, "@alice") {
			t.Errorf("content not sanitized as expected: %s", st.Content)
		}
		if got := st.CreatedAt.UTC(); !got.Equal(time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)) || st.ID[:10] != idPrefix(got) {
			t.Errorf("created at %v with ID %s: not the published time", got, st.ID)
		}
		if n := testrig.Count(t, db.Mention.Query().Where(mention.StatusID(st.ID), mention.AccountID(alice.ID))); n != 1 {
			t.Errorf("%d mentions of alice", n)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeMENTION); n != 1 {
			t.Errorf("%d mention notifications", n)
		}
		tags, _ := st.QueryTags().All(r.ctx)
		if len(tags) != 1 || tags[0].Name != "cats" {
			t.Errorf("tags %v", tags)
		}
		emojis, _ := st.QueryEmojis().All(r.ctx)
		if len(emojis) != 1 || emojis[0].Shortcode != "wave" || emojis[0].Domain != "remote.example" {
			t.Errorf("emojis %v", emojis)
		}
		media, _ := db.MediaAttachment.Query().Where(mediaattachment.HasStatusWith(status.ID(st.ID))).All(r.ctx)
		if len(media) != 1 || media[0].RemoteURL != "https://remote.example/cat.png" || media[0].Description != "a cat" ||
			media[0].Type != mediaattachment.TypeIMAGE || media[0].Meta.Width != 400 || media[0].FocusY != -0.5 {
			t.Errorf("media %+v", media)
		}
		if got := r.reload(bob).StatusesCount; got != 1 {
			t.Errorf("bob's statuses_count = %d", got)
		}
		for name, sub := range map[string]*hub.Subscription{"home": home, "public": public, "remote": remoteTL, "tag": tag} {
			if d := received(sub); len(d) != 1 || d[0].Event.Kind != hub.StatusCreated || d[0].Event.StatusID != st.ID {
				t.Errorf("%s stream got %v", name, d)
			}
		}
		if d := received(notes); len(d) != 1 || d[0].Event.Kind != hub.NotificationCreated {
			t.Errorf("notifications stream got %v", d)
		}

		// The same Create again changes nothing.
		r.mustApply(bob, create)
		if n := testrig.Count(t, db.Status.Query()); n != 1 {
			t.Errorf("%d statuses after a second Create", n)
		}
		if n := testrig.Notifications(t, db, alice, notification.TypeMENTION); n != 1 {
			t.Errorf("%d mention notifications after a second Create", n)
		}
		if got := r.reload(bob).StatusesCount; got != 1 {
			t.Errorf("statuses_count %d after a second Create", got)
		}
		if d := received(home); len(d) != 0 {
			t.Errorf("a second Create was announced: %v", d)
		}
	})
}

// idPrefix is the time part of a ULID made at t.
func idPrefix(t time.Time) string { return idAt(t)[:10] }

func TestCreateVisibilityFromAddressing(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		cases := []struct {
			to, cc []string
			want   status.Visibility
		}{
			{[]string{ap.Public}, nil, status.VisibilityPUBLIC},
			{[]string{bob.FollowersURI}, []string{ap.Public}, status.VisibilityUNLISTED},
			{[]string{bob.FollowersURI}, nil, status.VisibilityFOLLOWERS_ONLY},
			{[]string{alice.URI}, nil, status.VisibilityDIRECT},
		}
		for i, c := range cases {
			n := string(rune('a' + i))
			r.mustApply(bob, note(bob, n, map[string]any{"to": c.to, "cc": c.cc}))
			if st := r.statusByURI(bob.URI + "/statuses/" + n); st == nil || st.Visibility != c.want {
				t.Errorf("to %v cc %v: stored %v, want %s", c.to, c.cc, st, c.want)
			}
		}
		// The direct message reached alice although it had no Mention tag: she is
		// mentioned silently, and so may see it.
		dm := r.statusByURI(bob.URI + "/statuses/d")
		m, err := db.Mention.Query().Where(mention.StatusID(dm.ID), mention.AccountID(alice.ID)).Only(r.ctx)
		if err != nil || !m.Silent {
			t.Errorf("silent mention %+v, %v", m, err)
		}
	})
}

func TestCreateReplyThreads(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		parent := r.post(alice, status.VisibilityPUBLIC)

		r.mustApply(bob, note(bob, "reply", map[string]any{"inReplyTo": parent.URI}))
		reply := r.statusByURI(bob.URI + "/statuses/reply")
		if reply.InReplyToID == nil || *reply.InReplyToID != parent.ID || reply.ThreadID != parent.ThreadID ||
			reply.InReplyToAccountID == nil || *reply.InReplyToAccountID != alice.ID {
			t.Errorf("reply %+v does not hang off %s", reply, parent.ID)
		}
		if got := testrig.ReloadStatus(t, db, parent).RepliesCount; got != 1 {
			t.Errorf("replies_count = %d", got)
		}

		// A parent nobody can fetch: the reply is kept without it.
		r.mustApply(bob, note(bob, "orphan", map[string]any{"inReplyTo": "https://gone.example/statuses/1"}))
		if st := r.statusByURI(bob.URI + "/statuses/orphan"); st == nil || st.InReplyToID != nil {
			t.Errorf("orphan reply stored as %+v", st)
		}
	})
}

func TestCreateFetchesAncestorsToABoundedDepth(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		r.ing.MaxThreadDepth = 3
		bob := r.remote("bob", "remote.example")
		// A chain of 6 posts on bob's server, each replying to the one before; only
		// the last is delivered.
		for i := 1; i <= 5; i++ {
			create := note(bob, string(rune('0'+i)), nil)
			obj := create["object"].(map[string]any)
			if i > 1 {
				obj["inReplyTo"] = bob.URI + "/statuses/" + string(rune('0'+i-1))
			}
			n, err := ap.ParseNote(mustJSON(t, withContext(obj)))
			if err != nil {
				t.Fatal(err)
			}
			r.res.notes[n.ID] = n
		}
		r.mustApply(bob, note(bob, "6", map[string]any{"inReplyTo": bob.URI + "/statuses/5"}))
		if r.res.fetches != 3 {
			t.Errorf("%d ancestors fetched, want 3", r.res.fetches)
		}
		for i, wantParent := range map[string]bool{"6": true, "5": true, "4": true, "3": false} {
			st := r.statusByURI(bob.URI + "/statuses/" + i)
			if st == nil {
				t.Fatalf("status %s not stored", i)
			}
			if (st.InReplyToID != nil) != wantParent {
				t.Errorf("status %s: parent %v, want one: %v", i, st.InReplyToID, wantParent)
			}
		}
		if r.statusByURI(bob.URI+"/statuses/2") != nil {
			t.Error("fetched beyond the depth bound")
		}
	})
}

func withContext(m map[string]any) map[string]any {
	m["@context"] = "https://www.w3.org/ns/activitystreams"
	return m
}

func TestCreateMentionNotifiesOnlyWhoWantsIt(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice, carol := r.local("alice"), r.local("carol")
		bob := r.remote("bob", "remote.example")
		if _, err := r.rel.Block(r.ctx, carol.ID, bob.ID); err != nil {
			t.Fatal(err)
		}
		r.fed.take()
		r.mustApply(bob, note(bob, "1", map[string]any{"tag": []any{
			map[string]any{"type": "Mention", "href": alice.URI},
			map[string]any{"type": "Mention", "href": carol.URL}, // by profile URL, as some servers do
		}}))
		if n := testrig.Notifications(t, db, alice, notification.TypeMENTION); n != 1 {
			t.Errorf("alice got %d mention notifications", n)
		}
		if n := testrig.Notifications(t, db, carol, notification.TypeMENTION); n != 0 {
			t.Errorf("carol, who blocks bob, got %d mention notifications", n)
		}
		if n := testrig.Count(t, db.Mention.Query()); n != 2 {
			t.Errorf("%d mentions recorded, want both", n)
		}
	})
}

func TestCreateRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		bob := r.remote("bob", "remote.example")
		eve := r.remote("eve", "evil.example")
		db.DomainBlock.Create().SetDomain("evil.example").ExecX(r.ctx)
		mallory := r.remote("mallory", "remote.example")
		db.Account.UpdateOne(mallory).SetSuspendedAt(time.Now()).ExecX(r.ctx)
		mallory = r.reload(mallory)

		forged := note(bob, "1", nil)
		otherHost := note(bob, "2", nil)
		otherHost["object"].(map[string]any)["id"] = "https://elsewhere.example/statuses/2"
		otherHost["object"].(map[string]any)["attributedTo"] = "https://elsewhere.example/users/bob"
		cases := []struct {
			name   string
			signer *entAccount
			doc    map[string]any
		}{
			{"actor is not the signer", mallory, forged},
			{"object on another host", bob, otherHost},
			{"suspended domain", eve, note(eve, "3", nil)},
			{"suspended account", mallory, note(mallory, "4", nil)},
		}
		for _, c := range cases {
			if err := r.apply(c.signer, c.doc); !errorsIs(err, inbound.ErrForbidden) {
				t.Errorf("%s: got %v, want ErrForbidden", c.name, err)
			}
		}
		if n := testrig.Count(t, db.Status.Query()); n != 0 {
			t.Errorf("%d statuses written by refused activities", n)
		}
	})
}

func TestUnknownActivitiesAreUnsupported(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		bob := r.remote("bob", "remote.example")
		st := r.post(alice, status.VisibilityPUBLIC)
		for _, typ := range []string{"EmojiReact", "Add", "Remove", "Read"} {
			err := r.apply(bob, map[string]any{"id": "https://remote.example/x/" + typ, "type": typ, "actor": bob.URI, "object": st.URI, "content": "👍"})
			wantErr(t, err, inbound.ErrUnsupported)
		}
	})
}
