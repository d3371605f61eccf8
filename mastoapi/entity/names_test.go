package entity

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/schema"
)

func TestVisibilityNames(t *testing.T) {
	want := map[string]string{
		"PUBLIC": "public", "UNLISTED": "unlisted", "FOLLOWERS_ONLY": "private",
		"MUTUALS_ONLY": "private", "DIRECT": "direct",
	}
	for _, v := range schema.Visibilities {
		if got := VisibilityName(v); got != want[v] {
			t.Errorf("VisibilityName(%s) = %q, want %q", v, got, want[v])
		}
	}
}

// TestNotificationTypeNames checks every type has a Mastodon name that reads back to it.
func TestNotificationTypeNames(t *testing.T) {
	special := map[string]string{"ADMIN_SIGN_UP": "admin.sign_up", "ADMIN_REPORT": "admin.report", "FOLLOW_REQUEST": "follow_request"}
	for _, typ := range schema.NotificationTypes {
		name := NotificationTypeName(notification.Type(typ))
		if want, ok := special[typ]; ok && name != want {
			t.Errorf("NotificationTypeName(%s) = %q, want %q", typ, name, want)
		}
		back, ok := NotificationTypeFromName(name)
		if !ok || string(back) != typ {
			t.Errorf("NotificationTypeFromName(%q) = %q, %v, want %s", name, back, ok, typ)
		}
	}
	if _, ok := NotificationTypeFromName("severed_relationships"); ok {
		t.Error("NotificationTypeFromName accepted a type fedigraph never sends")
	}
}
