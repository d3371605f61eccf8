package entity

// Error is the body of every failed request (docs.joinmastodon.org/entities/Error).
type Error struct {
	Error string `json:"error"`
	// ErrorDescription is used by the OAuth endpoints only.
	ErrorDescription string `json:"error_description,omitempty"`
}
