package entity

// Relationship is how the viewer stands with another account
// (docs.joinmastodon.org/entities/Relationship).
type Relationship struct {
	ID                  string    `json:"id"`
	Following           bool      `json:"following"`
	ShowingReblogs      bool      `json:"showing_reblogs"`
	Notifying           bool      `json:"notifying"`
	Languages           *[]string `json:"languages"` // null: fedigraph does not filter follows by language
	FollowedBy          bool      `json:"followed_by"`
	Blocking            bool      `json:"blocking"`
	BlockedBy           bool      `json:"blocked_by"`
	Muting              bool      `json:"muting"`
	MutingNotifications bool      `json:"muting_notifications"`
	Requested           bool      `json:"requested"`
	RequestedBy         bool      `json:"requested_by"`
	DomainBlocking      bool      `json:"domain_blocking"`
	Endorsed            bool      `json:"endorsed"` // featured profiles do not exist yet
	Note                string    `json:"note"`
}
