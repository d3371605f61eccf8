// Package federate is the seam between the domain packages and ActivityPub. A domain
// write that other servers must hear about (a post, a like, a follow…) describes it as
// an Activity and hands it to a Federator inside its own transaction; the federation
// layer turns it into a durable delivery job there, so the activity is sent if and only
// if the write commits, even if the process dies right after.
//
// The domain packages know nothing of JSON-LD, inboxes or signatures, and federation
// can be switched off (a nil Federator) without touching them.
package federate

import (
	"context"

	"github.com/fedigraph/fedigraph/graph/store"
)

// Kind names a local action other servers must hear about.
type Kind string

// The kinds of activities local actions produce.
const (
	CreateStatus Kind = "create"        // StatusID: a new status (not a boost)
	UpdateStatus Kind = "update"        // StatusID: an edited status
	DeleteStatus Kind = "delete"        // ObjectURI, Inboxes: a deleted status (or boost: see Unannounce)
	Announce     Kind = "announce"      // StatusID: the boost; ObjectID: the boosted status
	Unannounce   Kind = "undo-announce" // ObjectURI: the boost's URI; ObjectID: the boosted status
	Like         Kind = "like"          // ActivityID: the favourite; ObjectID: the status
	Unlike       Kind = "undo-like"     // ActivityID: the favourite that was removed; ObjectID: the status
	Follow       Kind = "follow"        // ActivityID: the follow request; TargetID: the followed
	Unfollow     Kind = "undo-follow"   // ObjectURI: the follow's URI; TargetID: the unfollowed
	AcceptFollow Kind = "accept"        // ObjectURI: the remote Follow's URI; TargetID: the follower
	RejectFollow Kind = "reject"        // ObjectURI: the remote Follow's URI (may be empty); TargetID: the follower
	Block        Kind = "block"         // ActivityID: the block; TargetID: the blocked
	Unblock      Kind = "undo-block"    // ObjectURI: the block's URI; TargetID: the unblocked
	UpdateActor  Kind = "update-actor"  // the actor's profile changed
	DeleteActor  Kind = "delete-actor"  // the actor deleted itself
	Vote         Kind = "vote"          // ObjectID: the remote poll's status; Choices: the options chosen
	Flag         Kind = "flag"          // ActivityID: the report; TargetID: the reported remote account
)

// Activity describes one local action. IDs are fedigraph IDs; which fields matter
// depends on Kind (see the constants). The row an activity is about may be gone by
// the time it is delivered (deletes, undos), so those carry URIs and recipients
// captured while the rows still existed.
type Activity struct {
	Kind       Kind     `json:"kind"`
	ActorID    string   `json:"actor_id"`
	StatusID   string   `json:"status_id,omitempty"`
	ObjectID   string   `json:"object_id,omitempty"`
	TargetID   string   `json:"target_id,omitempty"`
	ActivityID string   `json:"activity_id,omitempty"`
	ObjectURI  string   `json:"object_uri,omitempty"`
	Choices    []string `json:"choices,omitempty"`
	// Visibility of a deleted status, for addressing its Delete like the status was.
	Visibility string `json:"visibility,omitempty"`
	// Inboxes that must hear of a delete beyond the actor's followers: those of the
	// accounts the deleted status mentioned or replied to, captured before they went.
	Inboxes []string `json:"inboxes,omitempty"`
}

// Federator accepts activities inside the transaction of the write that caused them.
// Implementations decide whether the activity federates at all (local actors only,
// not local-only statuses, not to blocked domains) and enqueue its delivery in tx.
type Federator interface {
	Federate(ctx context.Context, tx *store.Tx, a Activity) error
}

// Send hands a to f when federation is on; a nil f (tests, federation disabled) does
// nothing.
func Send(ctx context.Context, f Federator, tx *store.Tx, a Activity) error {
	if f == nil {
		return nil
	}
	return f.Federate(ctx, tx, a)
}
