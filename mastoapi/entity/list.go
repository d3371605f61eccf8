package entity

// List is a named group of followed accounts (docs.joinmastodon.org/entities/List).
type List struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	RepliesPolicy string `json:"replies_policy"` // followed, list or none
	Exclusive     bool   `json:"exclusive"`
}
