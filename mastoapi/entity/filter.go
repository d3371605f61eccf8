package entity

// Filter is a group of keywords and statuses that warns about or hides what matches
// them (docs.joinmastodon.org/entities/Filter). Inside a FilterResult, Mastodon leaves
// out the keywords and statuses; elsewhere both are lists, empty or not.
type Filter struct {
	ID           string          `json:"id"`
	Title        string          `json:"title"`
	Context      []string        `json:"context"`
	ExpiresAt    *Time           `json:"expires_at"`
	FilterAction string          `json:"filter_action"` // warn, hide or blur
	Keywords     []FilterKeyword `json:"keywords,omitzero"`
	Statuses     []FilterStatus  `json:"statuses,omitzero"`
}

// FilterKeyword is a word or phrase a filter matches
// (docs.joinmastodon.org/entities/FilterKeyword).
type FilterKeyword struct {
	ID        string `json:"id"`
	Keyword   string `json:"keyword"`
	WholeWord bool   `json:"whole_word"`
}

// FilterStatus is a single status a filter names
// (docs.joinmastodon.org/entities/FilterStatus).
type FilterStatus struct {
	ID       string `json:"id"`
	StatusID string `json:"status_id"`
}

// V1Filter is one keyword of a filter as the Mastodon 3 filters API showed it
// (docs.joinmastodon.org/entities/V1_Filter).
type V1Filter struct {
	ID           string   `json:"id"` // the keyword's
	Phrase       string   `json:"phrase"`
	Context      []string `json:"context"`
	ExpiresAt    *Time    `json:"expires_at"`
	Irreversible bool     `json:"irreversible"` // the filter hides rather than warns
	WholeWord    bool     `json:"whole_word"`
}
