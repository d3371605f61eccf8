package entity_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// accountExtras are Account keys that the documentation's examples predate: each is
// documented on the Account page (uri, indexable, hide_collections and noindex since
// Mastodon 4.x).
var accountExtras = []string{"uri", "indexable", "group", "discoverable", "hide_collections", "noindex"}

// accountNullable are Account keys documented as nullable that the examples fill in.
var accountNullable = []string{"last_status_at", "fields[].verified_at"}

// statusExtras are documented Status keys that the Status example does not show.
var statusExtras = append([]string{"edited_at", "filtered"}, prefixed("account", accountExtras...)...)

// statusNullable are nullable Status keys (and its account's) the example fills in.
var statusNullable = append([]string{"card"}, prefixed("account", accountNullable...)...)

func prefixed(prefix string, paths ...string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = prefix + "." + p
	}
	return out
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// TestShapeMatchesMastodonDocs compares each rendered entity (its golden file) with
// the example JSON of its page in the Mastodon documentation (testdata/mastodon).
func TestShapeMatchesMastodonDocs(t *testing.T) {
	viewerMarks := []string{"favourited", "reblogged", "muted", "bookmarked"}
	cases := []struct {
		golden, selector, example string
		rules                     shapeRules
	}{
		{"account_local", "", "account", shapeRules{extra: accountExtras, nullable: accountNullable}},
		{"account_remote", "", "account", shapeRules{extra: accountExtras, nullable: accountNullable}},
		{"credential_account", "", "account", shapeRules{
			extra: concat(accountExtras, []string{"source", "role"}), nullable: accountNullable,
		}},
		{"credential_account", "", "credential_account", shapeRules{
			partial:  []string{""},
			extra:    prefixed("source", "hide_collections", "discoverable", "indexable"),
			nullable: []string{"fields[].verified_at", "source.fields[].verified_at"},
		}},
		{"status_viewer", "", "status", shapeRules{extra: statusExtras, nullable: statusNullable}},
		{"status_anonymous", "", "status", shapeRules{
			extra:    concat([]string{"edited_at"}, prefixed("account", accountExtras...)),
			optional: viewerMarks, nullable: statusNullable,
		}},
		{"status_boost", "", "status", shapeRules{
			extra: statusExtras, optional: []string{"application"}, nullable: concat(statusNullable, []string{"language"}),
		}},
		{"status_boost", "reblog", "status", shapeRules{extra: statusExtras, nullable: statusNullable}},
		{"status_own", "", "status", shapeRules{
			extra: concat(statusExtras, []string{"pinned"}), optional: []string{"application"}, nullable: statusNullable,
		}},
		{"status_deleted", "", "status", shapeRules{
			extra: concat(statusExtras, []string{"pinned", "text"}), optional: []string{"application"}, nullable: statusNullable,
		}},
		{"status_viewer", "poll", "poll", shapeRules{}},
		{"status_viewer", "media_attachments.0", "media_attachment", shapeRules{optional: []string{"text_url"}}},
		{"status_history", "0", "status_edit", shapeRules{partial: []string{"account"}, optional: []string{"poll"}}},
		{"status_history", "1", "status_edit", shapeRules{partial: []string{"account"}}},
		{"status_source", "", "status_source", shapeRules{}},
		{"context", "", "context", shapeRules{partial: []string{"ancestors[]", "descendants[]"}}},
		{"notifications", "0", "notification_favourite", shapeRules{
			extra: []string{"group_key"}, partial: []string{"account", "status", "status.account"},
		}},
		{"notifications", "1", "notification_mention", shapeRules{
			extra: []string{"group_key"}, optional: []string{"status"}, partial: []string{"account", "status"},
		}},
		{"notifications", "2", "notification_mention", shapeRules{
			extra: []string{"group_key"}, partial: []string{"account", "status"},
		}},
		{"notifications", "0.account", "account", shapeRules{extra: accountExtras, nullable: accountNullable}},
		{"notifications", "2.status", "status", shapeRules{
			extra: statusExtras, optional: []string{"application"}, nullable: concat(statusNullable, []string{"language"}),
		}},
		{"conversations", "0", "conversation", shapeRules{
			partial:  []string{"accounts[]", "last_status"},
			nullable: []string{"last_status.in_reply_to_id", "last_status.in_reply_to_account_id"},
		}},
		{"conversations", "0.last_status", "status", shapeRules{
			extra: statusExtras, optional: []string{"application"}, nullable: concat(statusNullable, []string{"language"}),
		}},
		{"notification_groups", "", "grouped_notifications", shapeRules{
			partial: []string{"accounts[]", "statuses[]", "statuses[].account"},
			// Ungrouped groups (the follow) have no page range, and no status.
			optional: prefixed("notification_groups[]", "page_min_id", "page_max_id", "latest_page_notification_at", "status_id"),
		}},
		{"web_push_subscription", "", "web_push_subscription", shapeRules{
			// standard (Mastodon 4.4) and policy are documented on the push methods page.
			extra: []string{"standard", "policy"}, partial: []string{"alerts"},
		}},
		{"scheduled_status", "", "scheduled_status", shapeRules{}},
		{"scheduled_status", "params.poll", "status_poll_params", shapeRules{}},
		{"relationships", "0", "relationship", shapeRules{extra: []string{"languages"}}},
		{"list", "", "list", shapeRules{extra: []string{"replies_policy", "exclusive"}}},
		{"tag", "", "tag", shapeRules{optional: []string{"following"}}},
		{"error", "", "error", shapeRules{}},
	}
	for _, tc := range cases {
		name := strings.TrimSuffix(tc.golden+"/"+tc.selector, "/") + "~" + tc.example
		t.Run(name, func(t *testing.T) {
			ours, err := loadJSON(filepath.Join("testdata", tc.golden+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if ours, err = pick(ours, tc.selector); err != nil {
				t.Fatalf("select %q in %s: %v", tc.selector, tc.golden, err)
			}
			doc, err := loadJSON(filepath.Join("testdata", "mastodon", tc.example+".json"))
			if err != nil {
				t.Fatal(err)
			}
			c := newShapeCheck(tc.rules)
			c.compare("", doc, ours)
			for _, p := range c.problems {
				t.Error(p)
			}
		})
	}
}
