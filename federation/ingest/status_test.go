package ingest_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/ingest"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func post(t *testing.T, author *ent.Account, id string, m map[string]any) *ap.Note {
	t.Helper()
	doc := map[string]any{
		"@context": "https://www.w3.org/ns/activitystreams", "type": "Note",
		"id": author.URI + "/statuses/" + id, "attributedTo": author.URI,
		"content": "<p>hello</p>", "to": []string{ap.Public}, "published": "2026-01-01T00:00:00Z",
	}
	for k, v := range m {
		doc[k] = v
	}
	raw, _ := json.Marshal(doc)
	n, err := ap.ParseNote(raw)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUpsertStatusShapes(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		g := &ingest.Ingester{DB: db, Events: hub.New()}
		bob := testrig.RemoteAccount(t, db, "bob", "remote.example")

		article, created, err := g.UpsertStatus(ctx, post(t, bob, "a", map[string]any{
			"type": "Article", "name": "On <b>tulips</b>", "content": "", "url": "https://remote.example/blog/tulips",
		}), bob)
		if err != nil || !created {
			t.Fatal(created, err)
		}
		if !strings.Contains(article.Content, "<strong>On &lt;b&gt;tulips&lt;/b&gt;</strong>") ||
			!strings.Contains(article.Content, `href="https://remote.example/blog/tulips"`) || article.ObjectType != "Article" {
			t.Errorf("article content %q", article.Content)
		}

		q, _, err := g.UpsertStatus(ctx, post(t, bob, "q", map[string]any{
			"type": "Question", "endTime": "2026-01-02T00:00:00Z", "anyOf": []any{
				map[string]any{"name": "a", "replies": map[string]any{"totalItems": 2}},
				map[string]any{"name": "b", "replies": map[string]any{"totalItems": 5}},
			},
		}), bob)
		if err != nil {
			t.Fatal(err)
		}
		p, err := db.Poll.Query().Where(poll.HasStatusWith(status.ID(q.ID))).Only(ctx)
		if err != nil || !p.Multiple || len(p.RemoteCounts) != 2 || p.RemoteCounts[1] != 5 || p.RemoteVotersCount != nil {
			t.Errorf("poll %+v, %v", p, err)
		}

		// An edit that swaps the attachments replaces their rows.
		withMedia := post(t, bob, "m", map[string]any{"attachment": []any{
			map[string]any{"type": "Document", "mediaType": "video/mp4", "url": "https://remote.example/1.mp4"},
		}})
		m, _, err := g.UpsertStatus(ctx, withMedia, bob)
		if err != nil {
			t.Fatal(err)
		}
		edited := post(t, bob, "m", map[string]any{"updated": "2026-01-01T01:00:00Z", "attachment": []any{
			map[string]any{"type": "Document", "mediaType": "audio/ogg", "url": "https://remote.example/2.ogg"},
		}})
		if _, created, err := g.UpsertStatus(ctx, edited, bob); err != nil || created {
			t.Fatal(created, err)
		}
		media, _ := db.MediaAttachment.Query().Where(mediaattachment.HasStatusWith(status.ID(m.ID))).All(ctx)
		if len(media) != 1 || media[0].Type != mediaattachment.TypeAUDIO || media[0].RemoteURL != "https://remote.example/2.ogg" {
			t.Errorf("media after the edit %+v", media)
		}
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 1 {
			t.Errorf("%d media rows in all", n)
		}

		// Refusals: a post attributed to someone else; a delete by someone else.
		carol := testrig.RemoteAccount(t, db, "carol", "remote.example")
		if _, _, err := g.UpsertStatus(ctx, post(t, bob, "x", nil), carol); !errors.Is(err, ingest.ErrNotAuthor) {
			t.Errorf("a post attributed to bob, stored as carol's: %v", err)
		}
		if err := g.DeleteStatus(ctx, m.URI, carol); !errors.Is(err, ingest.ErrNotAuthor) {
			t.Errorf("carol deleting bob's status: %v", err)
		}
		if err := g.DeleteStatus(ctx, m.URI, bob); err != nil {
			t.Fatal(err)
		}
		if n := testrig.Count(t, db.MediaAttachment.Query()); n != 0 {
			t.Errorf("%d media rows after the delete", n)
		}
	})
}
