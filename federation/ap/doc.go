// Package ap is fedigraph's ActivityStreams vocabulary layer: it parses what other
// servers send into plain Go values, and renders local ent objects as the JSON-LD
// documents Mastodon, GoToSocial, Akkoma, Misskey and Pixelfed accept. It does no I/O
// and knows nothing of HTTP signatures, delivery or storage; federation/inbox,
// federation/outbox and federation/serve build on it.
//
// # Parsing (incoming)
//
//	func ParseActivity(raw []byte) (*Activity, error) // activities only
//	func ParseObject(raw []byte) (*Object, error)     // actor, post, activity or other
//	func ParseActor(raw []byte) (*Actor, error)
//	func ParseNote(raw []byte) (*Note, error)         // Note, Question, Article, Page, Image, Video, Audio, Event
//	var ErrMalformed error
//	func Visibility(to, cc []string, followersURI string) string // PUBLIC, UNLISTED, FOLLOWERS_ONLY or DIRECT
//	func IsPublic(iri string) bool
//
// Everything parsed is untrusted: IRIs stay strings, HTML stays unsanitized, and the
// parsers only check shape. A document over 1 MiB, not a JSON object, without the
// ActivityStreams @context, without an http(s) id or a type, an activity without an
// actor, an actor without an inbox, an embedded post without an id, or over a list
// limit (to/cc 5,000 each, 1,000 tags, 100 attachments, poll options, profile fields
// or objects, activities nested 4 deep) fails with an error wrapping ErrMalformed.
// Properties fedigraph does not use are dropped; unknown activity types (Akkoma's
// EmojiReact) parse with their common properties.
//
// Parsing reads the decoded JSON directly rather than through go-fed's streams.ToType.
// go-fed v1.0.0 lacks most of what these servers send and fedigraph needs (sensitive,
// Hashtag, PropertyValue, endpoints, manuallyApprovesFollowers, alsoKnownAs, movedTo,
// focalPoint, indexable, memorial, quote properties, Misskey's extensions), refuses
// unknown types such as EmojiReact outright, and would have to be paired with raw JSON
// reads for every one of those anyway; one lenient reader (values.go) handles every
// shape real servers produce — single values or arrays, objects or IRIs, nulls, "to"
// as a string, compacted "as:Public", Link objects for urls, fractional seconds and
// +00:00 offsets — in one place.
//
// # Rendering (outgoing)
//
// Renderer renders with go-fed's typed vocabulary (streams.New… and streams.Serialize)
// for what go-fed knows, adds the extensions Mastodon reads to the serialized map, and
// gives every document the same @context (Context: ActivityStreams, security/v1 and
// Mastodon's terms). to, cc, tag, attachment and orderedItems are always arrays.
//
//	func LoadStatus(ctx context.Context, c *ent.Client, id string) (*ent.Status, error)
//	func (r Renderer) Audience(st *ent.Status) (to, cc []string, err error)
//	func (r Renderer) Note(st *ent.Status) ([]byte, error)   // Note, or Question with a poll
//	func (r Renderer) Create(st *ent.Status) ([]byte, error) // id URI/activity
//	func (r Renderer) Update(st *ent.Status) ([]byte, error) // id URI#updates/<unix edited_at>
//	func (r Renderer) Delete(st *ent.Status) ([]byte, error) // id URI#delete, Tombstone
//	func (r Renderer) Announce(boost, original *ent.Status) ([]byte, error) // id boost URI
//	func (r Renderer) UndoAnnounce(boost, original *ent.Status) ([]byte, error)
//	func (r Renderer) Follow(id string, actor, target *ent.Account) ([]byte, error)
//	func (r Renderer) UndoFollow(followID string, actor, target *ent.Account) ([]byte, error)
//	func (r Renderer) Accept(id, followID string, follower, followee *ent.Account) ([]byte, error)
//	func (r Renderer) Reject(id, followID string, follower, followee *ent.Account) ([]byte, error)
//	func (r Renderer) Like(id string, actor *ent.Account, st *ent.Status) ([]byte, error)
//	func (r Renderer) UndoLike(id string, actor *ent.Account, st *ent.Status) ([]byte, error)
//	func (r Renderer) Block(id string, actor, target *ent.Account) ([]byte, error)
//	func (r Renderer) UndoBlock(id string, actor, target *ent.Account) ([]byte, error)
//	func (r Renderer) Actor(a *ent.Account, avatar, header *ent.MediaAttachment, emojis []*ent.CustomEmoji) ([]byte, error)
//	func (r Renderer) ActorMoved(a *ent.Account, avatar, header *ent.MediaAttachment, emojis []*ent.CustomEmoji, movedTo string) ([]byte, error)
//	func (r Renderer) UpdateActor(a *ent.Account, avatar, header *ent.MediaAttachment, emojis []*ent.CustomEmoji, movedTo string) ([]byte, error)
//	func (r Renderer) DeleteActor(a *ent.Account) ([]byte, error) // id URI#delete
//	func (r Renderer) Move(id string, a *ent.Account, target string) ([]byte, error)
//	func (r Renderer) Flag(id string, instanceActor, target *ent.Account, statuses []*ent.Status, comment string) ([]byte, error)
//	func (r Renderer) Vote(id string, voter *ent.Account, question *ent.Status, choice string) ([]byte, error)
//	func (r Renderer) OrderedCollection(id string, total int, first string) ([]byte, error)
//	func (r Renderer) OrderedCollectionPage(id, partOf, next, prev string, items []any) ([]byte, error)
//
// Activity IDs: where a function takes an id, pass the activity's stored IRI
// (Follow.uri, Favourite.uri, Block.uri…) or the row's ID; an ID becomes
// uris.Builder.Activity(actor's username, kind, id), the IRI graph/relations and
// graph/interact store. followID in Accept and Reject is the remote Follow's IRI, kept
// as sent. An Undo embeds the activity it undoes and takes its ID plus "#undo" (or
// "/undo" when that ID already has a fragment).
//
// Statuses must come from LoadStatus (a renderer reports which edge is missing
// otherwise). Addressing follows Mastodon (see Audience); MUTUALS_ONLY goes to the
// mentioned accounts only, since no collection of mutuals exists to address, and a
// silent mention is addressed without a Mention tag. A local-only status, or a boost
// of one, gives ErrNotFederated from every renderer.
package ap
