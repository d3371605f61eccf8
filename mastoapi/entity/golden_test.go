package entity_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/ent/webpushsubscription"
	"github.com/fedigraph/fedigraph/graph/notifications"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/thread"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// goldenCases render the world into each entity; the JSON must match
// testdata/<name>.json byte for byte (after the accounts' IDs and creation days are
// replaced by placeholders). Both database kinds must produce the same file.
var goldenCases = []struct {
	name   string
	render func(w *world) (any, error)
}{
	{"account_local", func(w *world) (any, error) { return w.r.Account(w.ctx, w.alice) }},
	{"account_remote", func(w *world) (any, error) { return w.r.Account(w.ctx, w.bob) }},
	{"credential_account", func(w *world) (any, error) { return w.r.CredentialAccount(w.ctx, w.alice) }},
	{"status_viewer", func(w *world) (any, error) { return w.r.Status(w.ctx, w.carol.ID, w.post) }},
	{"status_anonymous", func(w *world) (any, error) { return w.r.Status(w.ctx, "", w.post) }},
	{"status_boost", func(w *world) (any, error) { return w.r.Status(w.ctx, w.carol.ID, w.boost) }},
	{"status_own", func(w *world) (any, error) { return w.r.Status(w.ctx, w.alice.ID, w.mutuals) }},
	{"status_deleted", func(w *world) (any, error) { return w.r.DeletedStatus(w.ctx, w.alice.ID, w.mutuals) }},
	{"status_source", func(w *world) (any, error) { return w.r.StatusSource(w.post), nil }},
	{"status_history", func(w *world) (any, error) { return w.r.StatusHistory(w.ctx, w.post) }},
	{"context", func(w *world) (any, error) {
		c, err := thread.Load(w.ctx, w.db.Client, w.carol.ID, w.reply)
		if err != nil {
			return nil, err
		}
		return w.r.Context(w.ctx, w.carol.ID, c)
	}},
	{"notifications", func(w *world) (any, error) { return w.r.Notifications(w.ctx, w.alice.ID, w.notifications) }},
	{"conversations", func(w *world) (any, error) {
		return w.r.Conversations(w.ctx, w.alice.ID, []*ent.Conversation{w.conversation})
	}},
	{"notification_groups", func(w *world) (any, error) {
		fav, follow := w.notifications[0], w.notifications[1]
		return w.r.NotificationGroups(w.ctx, w.alice.ID, []*notifications.Group{
			{
				Key: "favourite-" + w.post.ID + "-474000", Type: fav.Type, Count: 2, Latest: fav,
				SampleAccountIDs: []string{w.carol.ID, w.bob.ID},
				Page:             &notifications.GroupPage{MinID: fav.ID, MaxID: fav.ID, LatestAt: fav.CreatedAt},
			},
			{Key: "ungrouped-" + follow.ID, Type: follow.Type, Count: 1, Latest: follow, SampleAccountIDs: []string{w.bob.ID}},
		}, false)
	}},
	{"web_push_subscription", func(w *world) (any, error) {
		return entity.NewWebPushSubscription(&ent.WebPushSubscription{
			ID: "01HQPUSH000000000000000001", Endpoint: "https://push.example/listener/1",
			Alerts: map[string]bool{"MENTION": true, "ADMIN_SIGN_UP": true, "FOLLOW": false},
			Policy: webpushsubscription.PolicyFOLLOWER,
		}, "BFixedVapidPublicKeyForTheGoldenFile"), nil
	}},
	{"push_payload", func(w *world) (any, error) {
		return w.r.PushPayload(w.ctx, "the-access-token", "de", w.notifications[2])
	}},
	{"scheduled_status", func(w *world) (any, error) {
		return w.r.ScheduledStatus(&ent.ScheduledStatus{
			ID: "01HQSCHED00000000000000001", AccountID: w.alice.ID, ScheduledAt: t0.Add(24 * time.Hour),
			Params: schema.ScheduledStatusParams{
				Text: "tomorrow", SpoilerText: "cw", Sensitive: true, Language: "en", Visibility: "FOLLOWERS_ONLY",
				InReplyToID: w.post.ID, ApplicationID: w.app.ID,
				Poll: &schema.ScheduledStatusPoll{Options: []string{"yes", "no"}, ExpiresInSeconds: 3600},
			},
		}), nil
	}},
	{"relationships", func(w *world) (any, error) {
		rels, err := w.r.Relations.Relationships(w.ctx, w.alice.ID, []string{w.bob.ID, w.carol.ID})
		if err != nil {
			return nil, err
		}
		return w.r.Relationships(rels), nil
	}},
	{"list", func(w *world) (any, error) { return w.r.List(w.list), nil }},
	{"tag", func(w *world) (any, error) { return w.r.Tag(w.tag), nil }},
	{"error", func(w *world) (any, error) {
		return entity.Error{Error: "invalid_grant", ErrorDescription: "The code has expired."}, nil
	}},
}

func TestGolden(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for _, tc := range goldenCases {
			t.Run(tc.name, func(t *testing.T) {
				v, err := tc.render(w)
				if err != nil {
					t.Fatalf("render: %v", err)
				}
				got := normalise(t, v, w.placeholders())
				path := filepath.Join("testdata", tc.name+".json")
				if *update && db.Type == store.SQLite {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("read golden file (run with -update to create it): %v", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the golden file (rerun with -update if the change is intended):\n%s",
						path, lineDiff(string(want), string(got)))
				}
			})
		}
	})
}

// normalise is v as indented JSON with the run-dependent values replaced.
func normalise(t *testing.T, v any, placeholders map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as entity.Encode writes responses
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatalf("marshal: %v", err)
	}
	s := b.String()
	for from, to := range placeholders {
		s = strings.ReplaceAll(s, from, to)
	}
	return []byte(s)
}

// lineDiff lists the lines that differ, enough to see what changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl + "\n")
		}
	}
	return b.String()
}
