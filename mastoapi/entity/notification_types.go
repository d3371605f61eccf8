package entity

import (
	"strings"

	"github.com/fedigraph/fedigraph/ent/notification"
)

// notificationTypeNames are Mastodon's names of the notification types. The admin
// types are the only ones whose names are not the ent value in lower case.
var notificationTypeNames = map[notification.Type]string{
	notification.TypeMENTION:        "mention",
	notification.TypeSTATUS:         "status",
	notification.TypeREBLOG:         "reblog",
	notification.TypeFOLLOW:         "follow",
	notification.TypeFOLLOW_REQUEST: "follow_request",
	notification.TypeFAVOURITE:      "favourite",
	notification.TypePOLL:           "poll",
	notification.TypeUPDATE:         "update",
	notification.TypeADMIN_SIGN_UP:  "admin.sign_up",
	notification.TypeADMIN_REPORT:   "admin.report",
}

// NotificationTypeName is Mastodon's name for a notification type.
func NotificationTypeName(t notification.Type) string {
	if name, ok := notificationTypeNames[t]; ok {
		return name
	}
	return strings.ToLower(string(t))
}

// NotificationTypeFromName is the notification type Mastodon calls name, for the
// types[] and exclude_types[] parameters; ok is false for names fedigraph does not
// produce (such as "severed_relationships").
func NotificationTypeFromName(name string) (t notification.Type, ok bool) {
	for t, n := range notificationTypeNames {
		if n == name {
			return t, true
		}
	}
	return "", false
}
