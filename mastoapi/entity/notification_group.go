package entity

// GroupedNotificationsResults is a page of grouped notifications with the accounts and
// statuses they refer to, each once (docs.joinmastodon.org/methods/grouped_notifications).
type GroupedNotificationsResults struct {
	Accounts []*Account `json:"accounts"`
	// PartialAccounts is there only when the client asked for partial_avatars.
	PartialAccounts    *[]*PartialAccountWithAvatar `json:"partial_accounts,omitempty"`
	Statuses           []*Status                    `json:"statuses"`
	NotificationGroups []*NotificationGroup         `json:"notification_groups"`
}

// NotificationGroup is notifications of one kind about one target shown as one.
type NotificationGroup struct {
	GroupKey                 string `json:"group_key"`
	NotificationsCount       int    `json:"notifications_count"`
	Type                     string `json:"type"`
	MostRecentNotificationID string `json:"most_recent_notification_id"`
	// The page fields are there on listed groups that group several notifications.
	PageMinID                string   `json:"page_min_id,omitempty"`
	PageMaxID                string   `json:"page_max_id,omitempty"`
	LatestPageNotificationAt *Time    `json:"latest_page_notification_at,omitempty"`
	SampleAccountIDs         []string `json:"sample_account_ids"`
	// StatusID is there for the kinds about a status.
	StatusID *string `json:"status_id,omitempty"`
}

// PartialAccountWithAvatar is the little of an account that a client needs to draw
// one avatar of a group.
type PartialAccountWithAvatar struct {
	ID           string `json:"id"`
	Acct         string `json:"acct"`
	URL          string `json:"url"`
	Avatar       string `json:"avatar"`
	AvatarStatic string `json:"avatar_static"`
	Locked       bool   `json:"locked"`
	Bot          bool   `json:"bot"`
}
