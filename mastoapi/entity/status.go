package entity

// Status is a post or a boost (docs.joinmastodon.org/entities/Status).
//
// A boost renders as Mastodon renders it: its own id, account, created_at and
// visibility, empty content, and the boosted status in full under Reblog. The
// viewer's marks (favourited, reblogged, …) are those of the boosted status, since
// that is where interactions land.
type Status struct {
	ID                 string            `json:"id"`
	URI                string            `json:"uri"`
	URL                *string           `json:"url"`
	CreatedAt          Time              `json:"created_at"`
	Account            *Account          `json:"account"`
	Content            string            `json:"content"` // HTML
	Visibility         string            `json:"visibility"`
	Sensitive          bool              `json:"sensitive"`
	SpoilerText        string            `json:"spoiler_text"`
	MediaAttachments   []MediaAttachment `json:"media_attachments"`
	Application        *Application      `json:"application,omitempty"` // left out when unknown (remote statuses, boosts), as Mastodon does
	Mentions           []Mention         `json:"mentions"`
	Tags               []StatusTag       `json:"tags"`
	Emojis             []CustomEmoji     `json:"emojis"`
	ReblogsCount       int               `json:"reblogs_count"`
	FavouritesCount    int               `json:"favourites_count"`
	RepliesCount       int               `json:"replies_count"`
	InReplyToID        *string           `json:"in_reply_to_id"`
	InReplyToAccountID *string           `json:"in_reply_to_account_id"`
	Reblog             *Status           `json:"reblog"`
	Poll               *Poll             `json:"poll"`
	Card               *PreviewCard      `json:"card"`
	Language           *string           `json:"language"`
	// Text is the source as typed. Mastodon sends it only where a client needs it to
	// redraft: in the answer to DELETE /api/v1/statuses/:id (see DeletedStatus).
	Text     *string `json:"text,omitempty"`
	EditedAt *Time   `json:"edited_at"`

	// The viewer's marks, sent only to a signed-in viewer, as on Mastodon.
	Favourited *bool `json:"favourited,omitempty"`
	Reblogged  *bool `json:"reblogged,omitempty"`
	Muted      *bool `json:"muted,omitempty"`
	Bookmarked *bool `json:"bookmarked,omitempty"`
	// Pinned is sent only on the viewer's own statuses that could be pinned.
	Pinned   *bool          `json:"pinned,omitempty"`
	Filtered []FilterResult `json:"filtered,omitzero"`
}

// Application is the client a status was posted with.
type Application struct {
	Name    string  `json:"name"`
	Website *string `json:"website"`
}

// Mention is an account a status mentions.
type Mention struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	URL      string `json:"url"`
	Acct     string `json:"acct"`
}

// StatusTag is a hashtag a status carries.
type StatusTag struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// PreviewCard is a link preview. fedigraph does not fetch previews yet, so statuses
// carry a null card; the type exists so that the field has its documented type.
type PreviewCard struct {
	URL         string `json:"url"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Type        string `json:"type"`
}

// FilterResult is one of the viewer's filters that a status matched
// (docs.joinmastodon.org/entities/FilterResult): the filter without its keywords and
// statuses, the keywords found (null when none) and the filtered status IDs (null
// when none).
type FilterResult struct {
	Filter         *Filter  `json:"filter"`
	KeywordMatches []string `json:"keyword_matches"`
	StatusMatches  []string `json:"status_matches"`
}

// StatusSource is a status's text as typed (GET /api/v1/statuses/:id/source).
type StatusSource struct {
	ID          string `json:"id"`
	Text        string `json:"text"`
	SpoilerText string `json:"spoiler_text"`
}

// StatusEdit is one revision of a status (GET /api/v1/statuses/:id/history).
type StatusEdit struct {
	Content          string            `json:"content"`
	SpoilerText      string            `json:"spoiler_text"`
	Sensitive        bool              `json:"sensitive"`
	CreatedAt        Time              `json:"created_at"`
	Account          *Account          `json:"account"`
	Poll             *StatusEditPoll   `json:"poll,omitempty"`
	MediaAttachments []MediaAttachment `json:"media_attachments"`
	Emojis           []CustomEmoji     `json:"emojis"`
}

// StatusEditPoll is a poll's options at one revision.
type StatusEditPoll struct {
	Options []StatusEditPollOption `json:"options"`
}

// StatusEditPollOption is one option's title at one revision.
type StatusEditPollOption struct {
	Title string `json:"title"`
}

// Context is the conversation around a status (GET /api/v1/statuses/:id/context).
type Context struct {
	Ancestors   []*Status `json:"ancestors"`
	Descendants []*Status `json:"descendants"`
}
