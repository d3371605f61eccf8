package ap

import "time"

// The types in this file are what the parsers produce: plain Go values, untrusted
// (they say what the sender claims, nothing more), with every IRI kept as a string and
// every property fedigraph does not use dropped.

// Activity is a parsed activity (Create, Update, Delete, Follow, Accept, Reject, Undo,
// Like, Announce, Block, Flag, Move, EmojiReact, …). Types this package does not know
// parse too, with the common properties filled in.
type Activity struct {
	ID, Type, Actor string
	// Object is the embedded object, when the activity carries one rather than only
	// its IRI (Create{Note}, Undo{Follow}, Update{Person}, Delete{Tombstone}…).
	Object *Object
	// ObjectIRI is the object's IRI, whether the object was sent as an IRI or embedded
	// with an id. ObjectIRIs are all of them, for activities with several objects
	// (Mastodon's Flag names the reported account and then the reported statuses).
	ObjectIRI  string
	ObjectIRIs []string
	Target     string
	To, Cc     []string
	Published  time.Time
	// Content is the activity's own text: the comment of a Flag, the emoji of an
	// EmojiReact or of a Misskey reaction Like (_misskey_reaction).
	Content string
	// Emojis are the custom emojis the activity's tag names (an EmojiReact's emoji).
	Emojis []Emoji
	// Raw is the document as received, for storing or forwarding unchanged.
	Raw []byte
}

// Object is a parsed object of any kind. Exactly one of Note, Actor and Activity is
// set when the type is one this package reads; otherwise (a Tombstone, an unknown
// type) only Type and ID are.
type Object struct {
	Type, ID string
	Note     *Note
	Actor    *Actor
	Activity *Activity
}

// Note is a post: a Note, Question, Article or Page (and the Image, Video, Audio and
// Event objects that Mastodon also shows as posts).
type Note struct {
	ID, Type, AttributedTo string
	// Content is HTML as sent (unsanitized); Summary is the content warning.
	Content, Summary, URL, InReplyTo, Language string
	Sensitive                                  bool
	Published, Updated                         time.Time
	To, Cc                                     []string
	Mentions                                   []Mention
	// Hashtags are the tag names without the leading '#', as sent (not normalized).
	Hashtags    []string
	Emojis      []Emoji
	Attachments []Attachment
	// Poll is set for a Question.
	Poll *Poll
	// Name is the object's name: the chosen option of a poll vote, an Article's title.
	Name string
	// QuoteURL is the quoted post (quote, quoteUri, quoteUrl or _misskey_quote).
	QuoteURL string
	// Context groups a thread (Pleroma's context, Mastodon's conversation).
	Context string
}

// Mention is a Mention tag: the mentioned actor's IRI and its @handle as displayed.
type Mention struct{ Href, Name string }

// Emoji is a custom emoji tag. Shortcode has no colons.
type Emoji struct {
	ID, Shortcode, IconURL, MediaType string
	Updated                           time.Time
}

// Attachment is a media attachment, or an actor's avatar or header image.
type Attachment struct {
	// Type is the attachment's ActivityStreams type (Document, Image, Video, Audio).
	Type                                  string
	URL, MediaType, Description, Blurhash string
	Width, Height                         int
	// FocusX and FocusY are Mastodon's focal point, each in [-1, 1].
	FocusX, FocusY float64
}

// Poll is the poll of a Question.
type Poll struct {
	Options  []PollOption
	Multiple bool
	EndTime  time.Time
	// Closed says the poll has ended; ClosedAt is when, if the sender said.
	Closed      bool
	ClosedAt    time.Time
	VotersCount int
}

// PollOption is one choice of a poll and the votes its server counted.
type PollOption struct {
	Name  string
	Votes int
}

// Actor is a Person, Service, Application, Group or Organization.
type Actor struct {
	ID, Type, PreferredUsername, Name, Summary, URL            string
	Inbox, Outbox, SharedInbox, Followers, Following, Featured string
	PublicKeyID, PublicKeyOwner, PublicKeyPEM                  string
	Icon, Image                                                *Attachment
	Fields                                                     []Field
	ManuallyApprovesFollowers, Discoverable, Indexable         bool
	// Bot is true for Service and Application actors, as Mastodon reads them.
	Bot, Memorial bool
	Published     time.Time
	AlsoKnownAs   []string
	MovedTo       string
	Emojis        []Emoji
}

// Field is one row of a profile's metadata table (a PropertyValue); Value is HTML.
type Field struct{ Name, Value string }
