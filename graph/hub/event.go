package hub

// Kind names what happened. Values are stable strings because events cross
// process boundaries as JSON (see PGBridge) and processes of different
// versions may share one database during a rolling upgrade.
type Kind string

// The kinds of events the hub routes. Each maps onto a Mastodon streaming
// event and a GraphQL subscription payload; the adapters translate.
const (
	// StatusCreated: a status became visible on the stream (Mastodon "update").
	StatusCreated Kind = "status.created"
	// StatusUpdated: a status was edited (Mastodon "status.update").
	StatusUpdated Kind = "status.updated"
	// StatusDeleted: a status was deleted (Mastodon "delete"). The status row
	// is gone by the time subscribers see this, so only its ID is usable.
	StatusDeleted Kind = "status.deleted"
	// NotificationCreated: a notification for the stream's owner (Mastodon "notification").
	NotificationCreated Kind = "notification.created"
	// FiltersChanged: the owner's keyword filters changed (Mastodon "filters_changed").
	FiltersChanged Kind = "filters.changed"
	// ConversationUpdated: a direct conversation changed (Mastodon "conversation").
	ConversationUpdated Kind = "conversation.updated"
)

// Event is a small, serialisable fact about a committed write. It carries IDs
// only: subscribers load the entities themselves and apply visibility for
// their own viewer, so the hub never decides who may see what and an event
// never carries data that a particular viewer must not get.
type Event struct {
	Kind Kind `json:"kind"`
	// StatusID is the status concerned, for status.* kinds.
	StatusID string `json:"status_id,omitempty"`
	// AccountID is the actor: who posted, edited, deleted or caused the
	// notification. Adapters use it for cheap block/mute checks.
	AccountID string `json:"account_id,omitempty"`
	// NotificationID is set for notification.created.
	NotificationID string `json:"notification_id,omitempty"`
	// ConversationID is set for conversation.updated.
	ConversationID string `json:"conversation_id,omitempty"`
}
