package ap

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
)

const host = "https://" + testrig.TestHost

// world is a small set of real rows: a local author with a profile, a local and a
// remote account to mention, and a renderer for the test host.
type world struct {
	t      *testing.T
	db     *store.DB
	r      Renderer
	author *ent.Account
	local  *ent.Account // another local account
	remote *ent.Account
}

func newWorld(t *testing.T, db *store.DB) *world {
	ctx := context.Background()
	author := testrig.LocalAccount(t, db, "alice").Update().
		SetDisplayName("Alice").SetNote("<p>gardener</p>").SetLocked(true).
		SetDiscoverable(true).SetIndexable(true).
		SetPublicKey("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----\n").
		SetFields([]schema.AccountField{{Name: "Website", Value: `<a href="https://alice.example">alice.example</a>`}}).
		SetAlsoKnownAs([]string{"https://old.example/users/alice"}).
		SaveX(ctx)
	remote := testrig.RemoteAccount(t, db, "carol", "remote.example").Update().
		SetFollowersURI("https://remote.example/users/carol/followers").SaveX(ctx)
	return &world{
		t: t, db: db, author: author, remote: remote,
		local: testrig.LocalAccount(t, db, "bob"),
		r: Renderer{
			URIs:     uris.Builder{Protocol: "https", Host: testrig.TestHost},
			MediaURL: func(m *ent.MediaAttachment) string { return host + "/media/" + m.ID + ".jpg" },
			EmojiURL: func(e *ent.CustomEmoji) string { return host + "/emoji/" + e.Shortcode + ".png" },
		},
	}
}

// status creates a status by the author with everything a Note can carry.
func (w *world) status(vis status.Visibility, withPoll bool) *ent.Status {
	ctx := context.Background()
	c := w.db.Client
	parent := c.Status.Create().SetAccountID(w.remote.ID).SetLocal(false).
		SetURI("https://remote.example/users/carol/statuses/" + string(vis)).SaveX(ctx)
	tag := c.Tag.Create().SetName("gardening" + string(vis)).SaveX(ctx)
	media := c.MediaAttachment.Create().SetAccountID(w.author.ID).SetType(mediaattachment.TypeIMAGE).
		SetContentType("image/jpeg").SetDescription("tulips").SetBlurhash("UBL_:rOpGG-o").
		SetFocusX(-0.25).SetFocusY(0.5).SetMeta(schema.MediaMeta{Width: 1600, Height: 1200}).SaveX(ctx)
	emoji := c.CustomEmoji.Create().SetShortcode("blobcat" + string(vis)).SetContentType("image/png").SaveX(ctx)
	edited := time.Date(2024, 3, 10, 15, 0, 0, 0, time.UTC)
	id := "01HS" + strings.Repeat("0", 18) + string(vis)[:4]
	st := c.Status.Create().SetID(id).SetAccountID(w.author.ID).
		SetCreatedAt(time.Date(2024, 3, 10, 14, 0, 0, 0, time.UTC)).SetEditedAt(edited).
		SetURI(w.r.URIs.Status("alice", id)).SetURL(w.r.URIs.StatusWeb("alice", id)).
		SetContent("<p>hi @carol @bob #gardening :blobcat:</p>").SetLanguage("en").
		SetSpoilerText("flowers").SetSensitive(true).SetVisibility(vis).
		SetInReplyToID(parent.ID).SetInReplyToAccountID(w.remote.ID).
		AddTags(tag).AddMedia(media).AddEmojis(emoji).SaveX(ctx)
	c.Mention.Create().SetStatusID(st.ID).SetAccountID(w.remote.ID).SaveX(ctx)
	c.Mention.Create().SetStatusID(st.ID).SetAccountID(w.local.ID).SetSilent(true).SaveX(ctx)
	if withPoll {
		p := c.Poll.Create().SetStatusID(st.ID).SetOptions([]string{"Tulips", "Roses"}).SetMultiple(true).
			SetExpiresAt(time.Date(2024, 3, 11, 14, 0, 0, 0, time.UTC)).SaveX(ctx)
		c.PollVote.Create().SetPollID(p.ID).SetAccountID(w.remote.ID).SetChoice(0).SaveX(ctx)
		c.PollVote.Create().SetPollID(p.ID).SetAccountID(w.remote.ID).SetChoice(1).SaveX(ctx)
		c.PollVote.Create().SetPollID(p.ID).SetAccountID(w.local.ID).SetChoice(0).SaveX(ctx)
	}
	loaded, err := LoadStatus(ctx, c, st.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return loaded
}

// object decodes rendered JSON for checks on its exact shape.
func object(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("rendered JSON does not decode: %v\n%s", err, b)
	}
	return m
}

func hasContext(t *testing.T, m map[string]any, want string) {
	t.Helper()
	for _, c := range list(m["@context"]) {
		if c == want {
			return
		}
	}
	t.Errorf("@context %v lacks %s", m["@context"], want)
}

func TestRenderNoteRoundTrip(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		followers := host + "/users/alice/followers"
		carol := w.remote.URI
		bob := w.local.URI
		tests := []struct {
			vis    status.Visibility
			to, cc []string
		}{
			{status.VisibilityPUBLIC, []string{Public}, []string{followers, bob, carol}},
			{status.VisibilityUNLISTED, []string{followers}, []string{Public, bob, carol}},
			{status.VisibilityFOLLOWERS_ONLY, []string{followers}, []string{bob, carol}},
			{status.VisibilityDIRECT, []string{bob, carol}, nil},
			{status.VisibilityMUTUALS_ONLY, []string{bob, carol}, nil},
		}
		for _, tt := range tests {
			t.Run(string(tt.vis), func(t *testing.T) {
				st := w.status(tt.vis, false)
				b, err := w.r.Note(st)
				if err != nil {
					t.Fatal(err)
				}
				n, err := ParseNote(b)
				if err != nil {
					t.Fatalf("own Note does not parse: %v\n%s", err, b)
				}
				eq(t, "id", n.ID, st.URI)
				eq(t, "type", n.Type, "Note")
				eq(t, "attributedTo", n.AttributedTo, w.author.URI)
				eq(t, "content", n.Content, st.Content)
				eq(t, "language", n.Language, "en")
				eq(t, "summary", n.Summary, "flowers")
				eq(t, "sensitive", n.Sensitive, true)
				eq(t, "url", n.URL, st.URL)
				eq(t, "inReplyTo", n.InReplyTo, "https://remote.example/users/carol/statuses/"+string(tt.vis))
				eq(t, "published", n.Published, st.CreatedAt.UTC())
				eq(t, "updated", n.Updated, st.EditedAt.UTC())
				eq(t, "to", n.To, tt.to)
				eq(t, "cc", n.Cc, tt.cc)
				want := string(tt.vis)
				if want == VisibilityMutualsOnly {
					want = VisibilityDirect
				}
				eq(t, "visibility read back", Visibility(n.To, n.Cc, followers), want)
				// The silent mention is addressed but not tagged.
				eq(t, "mentions", n.Mentions, []Mention{{Href: carol, Name: "@carol@remote.example"}})
				eq(t, "hashtags", n.Hashtags, []string{"gardening" + string(tt.vis)})
				eq(t, "emojis", len(n.Emojis), 1)
				eq(t, "emoji", [2]string{n.Emojis[0].Shortcode, n.Emojis[0].IconURL},
					[2]string{"blobcat" + string(tt.vis), host + "/emoji/blobcat" + string(tt.vis) + ".png"})
				media := st.Edges.Media[0]
				eq(t, "attachments", n.Attachments, []Attachment{{
					Type: "Document", URL: host + "/media/" + media.ID + ".jpg", MediaType: "image/jpeg",
					Description: "tulips", Blurhash: "UBL_:rOpGG-o", Width: 1600, Height: 1200, FocusX: -0.25, FocusY: 0.5,
				}})

				m := object(t, b)
				hasContext(t, m, "https://www.w3.org/ns/activitystreams")
				hasContext(t, m, "https://w3id.org/security/v1")
				if _, ok := m["tag"].([]any); !ok {
					t.Errorf("tag is %T, want an array as Mastodon sends", m["tag"])
				}
				if cm, _ := m["contentMap"].(map[string]any); cm["en"] != st.Content {
					t.Errorf("contentMap = %v", m["contentMap"])
				}

				create, err := w.r.Create(st)
				if err != nil {
					t.Fatal(err)
				}
				a, err := ParseActivity(create)
				if err != nil {
					t.Fatalf("own Create does not parse: %v\n%s", err, create)
				}
				eq(t, "create id", a.ID, st.URI+"/activity")
				eq(t, "create actor", a.Actor, w.author.URI)
				eq(t, "create objectIRI", a.ObjectIRI, st.URI)
				eq(t, "create to", a.To, tt.to)
				eq(t, "create cc", a.Cc, tt.cc)
				eq(t, "create note", a.Object.Note, n)
			})
		}
	})
}

func TestRenderQuestion(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		st := w.status(status.VisibilityPUBLIC, true)
		b, err := w.r.Note(st)
		if err != nil {
			t.Fatal(err)
		}
		n, err := ParseNote(b)
		if err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		eq(t, "type", n.Type, "Question")
		eq(t, "poll", *n.Poll, Poll{
			Options:  []PollOption{{"Tulips", 2}, {"Roses", 1}},
			Multiple: true, EndTime: time.Date(2024, 3, 11, 14, 0, 0, 0, time.UTC), VotersCount: 2,
		})

		// Closing shows in the Update that carries the final tallies.
		ctx := context.Background()
		closedAt := time.Date(2024, 3, 11, 14, 0, 1, 0, time.UTC)
		st.Edges.Poll.Update().SetClosedAt(closedAt).ExecX(ctx)
		st, _ = LoadStatus(ctx, db.Client, st.ID)
		up, err := w.r.Update(st)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseActivity(up)
		if err != nil {
			t.Fatalf("%v\n%s", err, up)
		}
		eq(t, "update type", a.Type, "Update")
		eq(t, "update id", a.ID, st.URI+"#updates/"+"1710082800")
		eq(t, "closed", [2]any{a.Object.Note.Poll.Closed, a.Object.Note.Poll.ClosedAt}, [2]any{true, closedAt})
	})
}

func TestRenderActor(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		avatar := db.MediaAttachment.Create().SetAccountID(w.author.ID).SetContentType("image/png").SaveX(ctx)
		emoji := db.CustomEmoji.Create().SetShortcode("blobcat").SetContentType("image/png").SaveX(ctx)
		b, err := w.r.Actor(w.author, avatar, nil, []*ent.CustomEmoji{emoji})
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseActor(b)
		if err != nil {
			t.Fatalf("own actor does not parse: %v\n%s", err, b)
		}
		u := host + "/users/alice"
		eq(t, "ids", [9]string{a.ID, a.Type, a.Inbox, a.Outbox, a.Followers, a.Following, a.Featured, a.SharedInbox, a.URL},
			[9]string{u, "Person", u + "/inbox", u + "/outbox", u + "/followers", u + "/following", u + "/collections/featured", host + "/inbox", host + "/@alice"})
		eq(t, "names", [3]string{a.PreferredUsername, a.Name, a.Summary}, [3]string{"alice", "Alice", "<p>gardener</p>"})
		eq(t, "key", [3]string{a.PublicKeyID, a.PublicKeyOwner, a.PublicKeyPEM}, [3]string{u + "#main-key", u, w.author.PublicKey})
		eq(t, "flags", [4]bool{a.ManuallyApprovesFollowers, a.Discoverable, a.Indexable, a.Bot}, [4]bool{true, true, true, false})
		eq(t, "fields", a.Fields, []Field{{Name: "Website", Value: `<a href="https://alice.example">alice.example</a>`}})
		eq(t, "alsoKnownAs", a.AlsoKnownAs, []string{"https://old.example/users/alice"})
		eq(t, "icon", *a.Icon, Attachment{Type: "Image", URL: host + "/media/" + avatar.ID + ".jpg", MediaType: "image/png"})
		eq(t, "image", a.Image, (*Attachment)(nil))
		eq(t, "emojis", a.Emojis[0].Shortcode, "blobcat")
		eq(t, "published (a day)", a.Published, w.author.CreatedAt.UTC().Truncate(24*time.Hour))

		// What Mastodon checks on the raw document.
		m := object(t, b)
		hasContext(t, m, "https://w3id.org/security/v1")
		key, _ := m["publicKey"].(map[string]any)
		eq(t, "publicKey.owner", key["owner"], any(u))
		eq(t, "endpoints.sharedInbox", m["endpoints"], any(map[string]any{"sharedInbox": host + "/inbox"}))
		if _, ok := m["attachment"].([]any); !ok {
			t.Errorf("attachment is %T, want an array", m["attachment"])
		}

		bot := w.local.Update().SetBot(true).SaveX(ctx)
		b, err = w.r.Actor(bot, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a, err = ParseActor(b); err != nil || a.Type != "Service" || !a.Bot {
			t.Errorf("bot actor: %+v, %v", a, err)
		}
	})
}

// TestRenderActivities renders every activity and reads it back with the parser.
func TestRenderActivities(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		st := w.status(status.VisibilityPUBLIC, false)
		alice, carol := w.author.URI, w.remote.URI
		remotePost := st.Edges.InReplyTo
		remotePost.Edges.Account = w.remote
		boost := db.Status.Create().SetAccountID(w.author.ID).SetReblogOfID(remotePost.ID).
			SetURI(w.r.URIs.Status("alice", "01HSBOOST")).SetVisibility(status.VisibilityUNLISTED).SaveX(ctx)
		boost.Edges.Account = w.author

		type want struct {
			id, typ, objectIRI, innerType string
			to, cc                        []string
		}
		tests := []struct {
			name   string
			render func() ([]byte, error)
			want   want
		}{
			{"Update", func() ([]byte, error) { return w.r.Update(st) },
				want{st.URI + "#updates/1710082800", "Update", st.URI, "Note", []string{Public}, []string{alice + "/followers", w.local.URI, carol}}},
			{"Delete", func() ([]byte, error) { return w.r.Delete(st) },
				want{st.URI + "#delete", "Delete", st.URI, "Tombstone", []string{Public}, []string{alice + "/followers", w.local.URI, carol}}},
			{"Announce", func() ([]byte, error) { return w.r.Announce(boost, remotePost) },
				want{boost.URI, "Announce", remotePost.URI, "", []string{alice + "/followers"}, []string{Public, carol}}},
			{"UndoAnnounce", func() ([]byte, error) { return w.r.UndoAnnounce(boost, remotePost) },
				want{boost.URI + "#undo", "Undo", boost.URI, "Announce", []string{alice + "/followers"}, []string{Public, carol}}},
			{"Follow", func() ([]byte, error) { return w.r.Follow("01HSFOLLOW", w.author, w.remote) },
				want{alice + "/follow/01HSFOLLOW", "Follow", carol, "", []string{carol}, nil}},
			{"Follow by stored IRI", func() ([]byte, error) { return w.r.Follow(alice+"/follow/01HSFOLLOW", w.author, w.remote) },
				want{alice + "/follow/01HSFOLLOW", "Follow", carol, "", []string{carol}, nil}},
			{"UndoFollow", func() ([]byte, error) { return w.r.UndoFollow("01HSFOLLOW", w.author, w.remote) },
				want{alice + "/follow/01HSFOLLOW#undo", "Undo", alice + "/follow/01HSFOLLOW", "Follow", []string{carol}, nil}},
			{"Accept", func() ([]byte, error) {
				return w.r.Accept("01HSACCEPT", "https://remote.example/f/1", w.remote, w.author)
			}, want{alice + "/accept/01HSACCEPT", "Accept", "https://remote.example/f/1", "Follow", []string{carol}, nil}},
			{"Reject", func() ([]byte, error) {
				return w.r.Reject("01HSREJECT", "https://remote.example/f/1", w.remote, w.author)
			}, want{alice + "/reject/01HSREJECT", "Reject", "https://remote.example/f/1", "Follow", []string{carol}, nil}},
			{"Like", func() ([]byte, error) { return w.r.Like("01HSLIKE", w.author, remotePost) },
				want{alice + "/like/01HSLIKE", "Like", remotePost.URI, "", []string{carol}, nil}},
			{"UndoLike", func() ([]byte, error) { return w.r.UndoLike("01HSLIKE", w.author, remotePost) },
				want{alice + "/like/01HSLIKE#undo", "Undo", alice + "/like/01HSLIKE", "Like", []string{carol}, nil}},
			{"Block", func() ([]byte, error) { return w.r.Block("01HSBLOCK", w.author, w.remote) },
				want{alice + "/block/01HSBLOCK", "Block", carol, "", []string{carol}, nil}},
			{"UndoBlock", func() ([]byte, error) { return w.r.UndoBlock("01HSBLOCK", w.author, w.remote) },
				want{alice + "/block/01HSBLOCK#undo", "Undo", alice + "/block/01HSBLOCK", "Block", []string{carol}, nil}},
			{"UpdateActor", func() ([]byte, error) { return w.r.UpdateActor(w.author, nil, nil, nil, "") },
				want{alice + "#updates/" + itoa(w.author.UpdatedAt.Unix()), "Update", alice, "Person", []string{Public}, nil}},
			{"DeleteActor", func() ([]byte, error) { return w.r.DeleteActor(w.author) },
				want{alice + "#delete", "Delete", alice, "", []string{Public}, nil}},
			{"Move", func() ([]byte, error) { return w.r.Move("01HSMOVE", w.author, "https://new.example/users/alice") },
				want{alice + "/move/01HSMOVE", "Move", alice, "", []string{alice + "/followers"}, nil}},
			{"Flag", func() ([]byte, error) {
				return w.r.Flag("01HSFLAG", w.local, w.remote, []*ent.Status{remotePost}, "spam")
			},
				want{w.local.URI + "/flag/01HSFLAG", "Flag", carol, "", []string{carol}, nil}},
			{"Vote", func() ([]byte, error) { return w.r.Vote("01HSVOTE", w.author, remotePost, "Roses") },
				want{alice + "/vote/01HSVOTE/activity", "Create", alice + "/vote/01HSVOTE", "Note", []string{carol}, nil}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				b, err := tt.render()
				if err != nil {
					t.Fatal(err)
				}
				a, err := ParseActivity(b)
				if err != nil {
					t.Fatalf("own %s does not parse: %v\n%s", tt.name, err, b)
				}
				innerType := ""
				if a.Object != nil {
					innerType = a.Object.Type
				}
				eq(t, "activity", want{a.ID, a.Type, a.ObjectIRI, innerType, a.To, a.Cc}, tt.want)
				m := object(t, b)
				hasContext(t, m, "https://www.w3.org/ns/activitystreams")
				if a.Actor == "" || !strings.HasPrefix(a.Actor, host) {
					t.Errorf("actor = %q", a.Actor)
				}
				switch tt.name {
				case "Flag":
					eq(t, "flag objects", a.ObjectIRIs, []string{carol, remotePost.URI})
					eq(t, "flag comment", a.Content, "spam")
				case "Vote":
					v := a.Object.Note
					eq(t, "vote", [3]string{v.Name, v.InReplyTo, v.AttributedTo}, [3]string{"Roses", remotePost.URI, alice})
				case "Move":
					eq(t, "target", a.Target, "https://new.example/users/alice")
				case "Accept", "Reject":
					f := a.Object.Activity
					eq(t, "follow", [2]string{f.Actor, f.ObjectIRI}, [2]string{carol, alice})
				case "UndoFollow":
					eq(t, "undone follow object", a.Object.Activity.ObjectIRI, carol)
				}
			})
		}
	})
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestRenderLocalOnlyRefused(t *testing.T) {
	db := testrig.NewDB(t, store.SQLite)
	w := newWorld(t, db)
	st := w.status(status.VisibilityPUBLIC, false)
	st.LocalOnly = true
	for name, render := range map[string]func() ([]byte, error){
		"Note":     func() ([]byte, error) { return w.r.Note(st) },
		"Create":   func() ([]byte, error) { return w.r.Create(st) },
		"Update":   func() ([]byte, error) { return w.r.Update(st) },
		"Delete":   func() ([]byte, error) { return w.r.Delete(st) },
		"Announce": func() ([]byte, error) { return w.r.Announce(st, st) },
	} {
		if _, err := render(); !errors.Is(err, ErrNotFederated) {
			t.Errorf("%s of a local-only status: err = %v, want ErrNotFederated", name, err)
		}
	}
}

func TestRenderNeedsLoadedEdges(t *testing.T) {
	db := testrig.NewDB(t, store.SQLite)
	w := newWorld(t, db)
	st := w.status(status.VisibilityPUBLIC, false)
	bare := db.Status.GetX(context.Background(), st.ID)
	if _, err := w.r.Note(bare); err == nil || !strings.Contains(err.Error(), "LoadStatus") {
		t.Errorf("rendering a status without its edges: err = %v, want a hint to use LoadStatus", err)
	}
}

func TestRenderCollections(t *testing.T) {
	r := Renderer{URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost}}
	b, err := r.OrderedCollection(host+"/users/alice/outbox", 42, host+"/users/alice/outbox?page=true")
	if err != nil {
		t.Fatal(err)
	}
	m := object(t, b)
	eq(t, "collection", [4]any{m["type"], m["id"], m["totalItems"], m["first"]},
		[4]any{"OrderedCollection", host + "/users/alice/outbox", 42.0, host + "/users/alice/outbox?page=true"})

	b, err = r.OrderedCollection(host+"/users/alice/followers", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	if m := object(t, b); m["totalItems"] != 0.0 || m["first"] != nil {
		t.Errorf("empty collection = %s", b)
	}

	activity := []byte(`{"id":"https://fedigraph.test/users/alice/statuses/1/activity","type":"Create"}`)
	b, err = r.OrderedCollectionPage(host+"/users/alice/outbox?page=true", host+"/users/alice/outbox",
		host+"/users/alice/outbox?max_id=1&page=true", "", []any{"https://fedigraph.test/users/bob", activity})
	if err != nil {
		t.Fatal(err)
	}
	m = object(t, b)
	eq(t, "page", [4]any{m["type"], m["partOf"], m["next"], m["prev"]},
		[4]any{"OrderedCollectionPage", host + "/users/alice/outbox", host + "/users/alice/outbox?max_id=1&page=true", nil})
	items, _ := m["orderedItems"].([]any)
	if len(items) != 2 || items[0] != "https://fedigraph.test/users/bob" || asDoc(items[1]).str("type") != "Create" {
		t.Errorf("orderedItems = %v", m["orderedItems"])
	}
	if _, err := r.OrderedCollectionPage("https://x.example/p", "https://x.example/c", "", "", []any{42}); err == nil {
		t.Error("a page item that is neither an IRI nor a document is refused")
	}
}
