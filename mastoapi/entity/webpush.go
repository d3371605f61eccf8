package entity

import (
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
)

// WebPushSubscription is an access token's push subscription
// (docs.joinmastodon.org/entities/WebPushSubscription).
type WebPushSubscription struct {
	ID       string `json:"id"`
	Endpoint string `json:"endpoint"`
	// Standard is always true: pushes are encrypted as RFC 8291 says (aes128gcm),
	// which Mastodon 4.4 calls standard.
	Standard  bool            `json:"standard"`
	Alerts    map[string]bool `json:"alerts"`
	Policy    string          `json:"policy"`
	ServerKey string          `json:"server_key"`
}

// AlertNames are the kinds of notification a subscription can ask for, by Mastodon's
// names, in the order Mastodon lists them.
var AlertNames = []string{
	"mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update",
	"admin.sign_up", "admin.report",
}

// NewWebPushSubscription renders a subscription; serverKey is the instance's VAPID
// public key. Every alert is listed, false unless asked for.
func NewWebPushSubscription(s *ent.WebPushSubscription, serverKey string) *WebPushSubscription {
	alerts := make(map[string]bool, len(AlertNames))
	for _, name := range AlertNames {
		t, _ := NotificationTypeFromName(name)
		alerts[name] = s.Alerts[string(t)]
	}
	return &WebPushSubscription{
		ID: s.ID, Endpoint: s.Endpoint, Standard: true, Alerts: alerts,
		Policy: strings.ToLower(string(s.Policy)), ServerKey: serverKey,
	}
}

// PushPayload is what a push carries, decrypted: enough for a service worker or app to
// show the notification, and the token and ID to fetch it in full
// (Mastodon's Web::NotificationSerializer).
type PushPayload struct {
	AccessToken      string `json:"access_token"`
	PreferredLocale  string `json:"preferred_locale"`
	NotificationID   string `json:"notification_id"`
	NotificationType string `json:"notification_type"`
	Icon             string `json:"icon"`
	Title            string `json:"title"`
	Body             string `json:"body"`
}

// pushTitles are the push titles Mastodon's English locale gives each kind; %s is the
// name of who caused it.
var pushTitles = map[notification.Type]string{
	notification.TypeMENTION:        "You were mentioned by %s",
	notification.TypeSTATUS:         "%s just posted",
	notification.TypeREBLOG:         "%s boosted your post",
	notification.TypeFOLLOW:         "%s is now following you",
	notification.TypeFOLLOW_REQUEST: "Pending follower: %s",
	notification.TypeFAVOURITE:      "%s favorited your post",
	notification.TypePOLL:           "A poll by %s has ended",
	notification.TypeUPDATE:         "%s edited a post",
	notification.TypeADMIN_SIGN_UP:  "%s signed up",
	notification.TypeADMIN_REPORT:   "New report from %s",
}
