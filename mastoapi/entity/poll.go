package entity

// Poll is a poll attached to a status (docs.joinmastodon.org/entities/Poll).
type Poll struct {
	ID          string        `json:"id"`
	ExpiresAt   *Time         `json:"expires_at"`
	Expired     bool          `json:"expired"`
	Multiple    bool          `json:"multiple"`
	VotesCount  int           `json:"votes_count"`
	VotersCount *int          `json:"voters_count"`
	Options     []PollOption  `json:"options"`
	Emojis      []CustomEmoji `json:"emojis"`
	// Voted and OwnVotes are sent only to a signed-in viewer (omitzero keeps an empty
	// OwnVotes: [] means "signed in, no votes").
	Voted    *bool `json:"voted,omitempty"`
	OwnVotes []int `json:"own_votes,omitzero"`
}

// PollOption is one answer. VotesCount is null while a poll hides its totals.
type PollOption struct {
	Title      string `json:"title"`
	VotesCount *int   `json:"votes_count"`
}
