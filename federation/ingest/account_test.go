package ingest_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent/domainblock"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/ingest"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func actor(t *testing.T, m map[string]any) *ap.Actor {
	t.Helper()
	doc := map[string]any{
		"@context": "https://www.w3.org/ns/activitystreams", "type": "Person",
		"id": "https://remote.example/users/bob", "preferredUsername": "bob",
		"inbox": "https://remote.example/users/bob/inbox",
	}
	for k, v := range m {
		doc[k] = v
	}
	raw, _ := json.Marshal(doc)
	a, err := ap.ParseActor(raw)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestUpsertAccountKeepsTheProfileUpToDate(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		g := &ingest.Ingester{DB: db, Events: hub.New()}
		a, err := g.UpsertAccount(ctx, actor(t, map[string]any{
			"type": "Service", "name": "Bob", "summary": `<p>bio<img src=x onerror=alert(1)></p>`,
			"published": "2020-01-02T03:04:05Z", "manuallyApprovesFollowers": true,
			"followers":  "https://remote.example/users/bob/followers",
			"endpoints":  map[string]any{"sharedInbox": "https://remote.example/inbox"},
			"icon":       map[string]any{"type": "Image", "url": "https://remote.example/avatar.png", "mediaType": "image/png"},
			"attachment": []any{map[string]any{"type": "PropertyValue", "name": "Site", "value": `<a href="https://bob.example">bob.example</a><script>x</script>`}},
			"publicKey":  map[string]any{"id": "https://remote.example/users/bob#main-key", "owner": "https://remote.example/users/bob", "publicKeyPem": "PEM1"},
			"tag":        []any{map[string]any{"type": "Emoji", "name": ":blob:", "icon": map[string]any{"url": "https://remote.example/blob.png"}}},
		}))
		if err != nil {
			t.Fatal(err)
		}
		if a.Username != "bob" || a.Domain != "remote.example" || !a.Bot || !a.Locked || a.Note != "<p>bio</p>" ||
			a.SharedInboxURI != "https://remote.example/inbox" || a.PublicKey != "PEM1" || a.FetchedAt == nil ||
			!a.CreatedAt.Equal(time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)) {
			t.Errorf("stored %+v", a)
		}
		if len(a.Fields) != 1 || a.Fields[0].Name != "Site" || a.Fields[0].Value == "" || strings.Contains(a.Fields[0].Value, "script") {
			t.Errorf("fields %+v", a.Fields)
		}
		avatar, err := a.QueryAvatar().Only(ctx)
		if err != nil || avatar.RemoteURL != "https://remote.example/avatar.png" {
			t.Fatalf("avatar %+v, %v", avatar, err)
		}
		if n := testrig.Count(t, a.QueryEmojis()); n != 1 {
			t.Errorf("%d profile emojis", n)
		}

		// Again with a new key and the same avatar: the key is replaced, the avatar row kept.
		b, err := g.UpsertAccount(ctx, actor(t, map[string]any{
			"name": "Bob 2", "icon": map[string]any{"type": "Image", "url": "https://remote.example/avatar.png"},
			"publicKey": map[string]any{"id": "https://remote.example/users/bob#key2", "owner": "https://remote.example/users/bob", "publicKeyPem": "PEM2"},
		}))
		if err != nil {
			t.Fatal(err)
		}
		if b.ID != a.ID || b.DisplayName != "Bob 2" || b.PublicKey != "PEM2" || b.PublicKeyURI != "https://remote.example/users/bob#key2" ||
			b.AvatarID == nil || *b.AvatarID != avatar.ID || b.Locked {
			t.Errorf("updated %+v", b)
		}
		// A key that claims another owner is not taken.
		c, err := g.UpsertAccount(ctx, actor(t, map[string]any{
			"publicKey": map[string]any{"id": "https://evil.example/key", "owner": "https://evil.example/users/x", "publicKeyPem": "EVIL"},
		}))
		if err != nil || c.PublicKey != "PEM2" {
			t.Errorf("a foreign key replaced the actor's: %v, %v", c.PublicKey, err)
		}
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 0 {
			t.Errorf("the dropped avatar left %d media rows", n)
		}
	})
}

func TestUpsertAccountRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		g := &ingest.Ingester{DB: db, Events: hub.New()}
		local := testrig.LocalAccount(t, db, "alice")
		got, err := g.UpsertAccount(ctx, actor(t, map[string]any{"id": local.URI, "preferredUsername": "alice", "name": "Hijacked"}))
		if err != nil || got.ID != local.ID || got.DisplayName == "Hijacked" {
			t.Errorf("a remote document changed a local account: %+v, %v", got, err)
		}
		db.DomainBlock.Create().SetDomain("evil.example").SetSeverity(domainblock.SeveritySUSPEND).ExecX(ctx)
		_, err = g.UpsertAccount(ctx, actor(t, map[string]any{"id": "https://media.evil.example/users/x"}))
		if !errors.Is(err, ingest.ErrRefused) {
			t.Errorf("an actor on a suspended domain: %v", err)
		}
		if _, err := g.UpsertAccount(ctx, actor(t, nil)); err != nil {
			t.Fatal(err)
		}
		_, err = g.UpsertAccount(ctx, actor(t, map[string]any{"id": "https://remote.example/people/bob2", "preferredUsername": "Bob"}))
		if !apperr.Is(err, apperr.Conflict) {
			t.Errorf("a second actor with a taken name: %v", err)
		}
	})
}
