package entity

// Conversation is one of the viewer's direct-message conversations
// (docs.joinmastodon.org/entities/Conversation).
type Conversation struct {
	ID     string `json:"id"`
	Unread bool   `json:"unread"`
	// Accounts are the others taking part (the viewer alone, for notes to self).
	Accounts []*Account `json:"accounts"`
	// LastStatus is null when the viewer may no longer see it.
	LastStatus *Status `json:"last_status"`
}
