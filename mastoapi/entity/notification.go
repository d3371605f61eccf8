package entity

// Notification tells the viewer that someone did something that concerns them
// (docs.joinmastodon.org/entities/Notification).
type Notification struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"` // mention, status, reblog, follow, follow_request, favourite, poll, update, admin.sign_up, admin.report
	CreatedAt Time     `json:"created_at"`
	GroupKey  string   `json:"group_key"`
	Account   *Account `json:"account"`
	// Status is left out, not null, for notifications about no status.
	Status *Status `json:"status,omitempty"`
}
