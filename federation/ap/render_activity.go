package ap

import (
	"github.com/go-fed/activity/streams"

	"github.com/fedigraph/fedigraph/ent"
)

// Activities between accounts. Where a function takes an id, it is the stored IRI of
// the activity (Follow.uri, Favourite.uri, Block.uri…) or the row's ID, which becomes
// uris.Builder.Activity(actor's username, kind, id) — the IRI graph/relations and
// graph/interact store. An Undo embeds the activity it undoes, as Mastodon's do, and
// its ID is derived from that activity's ID (undoID).

// Announce renders a local boost. Its ID is the boost's URI; it is addressed as
// Mastodon addresses boosts: public boosts to Public with the booster's followers and
// the original author in cc, unlisted ones the other way round, others to followers.
// boost and original need their accounts loaded (LoadStatus does).
func (r Renderer) Announce(boost, original *ent.Status) ([]byte, error) {
	m, err := r.announceMap(boost, original)
	if err != nil {
		return nil, err
	}
	return finish(m)
}

func (r Renderer) announceMap(boost, original *ent.Status) (map[string]any, error) {
	if boost.LocalOnly || original.LocalOnly {
		return nil, ErrNotFederated
	}
	booster, err := needAccount(boost)
	if err != nil {
		return nil, err
	}
	author, err := needAccount(original)
	if err != nil {
		return nil, err
	}
	followers, authorURI := r.followersURI(booster), r.accountURI(author)
	var to, cc []string
	switch string(boost.Visibility) {
	case VisibilityPublic:
		to, cc = []string{Public}, nonEmpty([]string{authorURI, followers})
	case VisibilityUnlisted:
		to, cc = nonEmpty([]string{followers}), []string{Public, authorURI}
	default:
		to, cc = nonEmpty([]string{followers}), []string{authorURI}
	}
	return renderActivity(streams.NewActivityStreamsAnnounce(), act{
		ID: boost.URI, Actor: r.accountURI(booster), Object: original.URI,
		To: to, Cc: cc, Published: boost.CreatedAt,
	})
}

// UndoAnnounce takes a boost back.
func (r Renderer) UndoAnnounce(boost, original *ent.Status) ([]byte, error) {
	inner, err := r.announceMap(boost, original)
	if err != nil {
		return nil, err
	}
	return r.undo(boost.URI, r.accountURI(boost.Edges.Account), inner)
}

// undo wraps a rendered activity in an Undo addressed like it.
func (r Renderer) undo(innerID, actor string, inner map[string]any) ([]byte, error) {
	m, err := renderActivity(streams.NewActivityStreamsUndo(), act{
		ID: undoID(innerID), Actor: actor, Object: inner,
	})
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"to", "cc"} {
		if v, ok := inner[k]; ok {
			m[k] = v
		}
	}
	return finish(m)
}

// Follow asks target to let actor follow it.
func (r Renderer) Follow(id string, actor, target *ent.Account) ([]byte, error) {
	m, err := r.followMap(id, actor, target)
	if err != nil {
		return nil, err
	}
	return finish(m)
}

func (r Renderer) followMap(id string, actor, target *ent.Account) (map[string]any, error) {
	return renderActivity(streams.NewActivityStreamsFollow(), act{
		ID: r.activityID(actor, "follow", id), Actor: r.accountURI(actor), Object: r.accountURI(target),
		To: []string{r.accountURI(target)},
	})
}

// UndoFollow stops actor following target (or withdraws the request). followID is the
// Follow's stored IRI or row ID.
func (r Renderer) UndoFollow(followID string, actor, target *ent.Account) ([]byte, error) {
	inner, err := r.followMap(followID, actor, target)
	if err != nil {
		return nil, err
	}
	return r.undo(r.activityID(actor, "follow", followID), r.accountURI(actor), inner)
}

// Accept answers a remote Follow: followee (local) accepts follower. followID is the
// IRI of the Follow as the follower's server sent it; id is the local follow row's ID
// (or an IRI), naming the Accept itself.
func (r Renderer) Accept(id, followID string, follower, followee *ent.Account) ([]byte, error) {
	return r.answerFollow(streams.NewActivityStreamsAccept(), "accept", id, followID, follower, followee)
}

// Reject refuses a remote Follow, or ends an accepted one (Mastodon's "remove
// follower"). Arguments as for Accept.
func (r Renderer) Reject(id, followID string, follower, followee *ent.Account) ([]byte, error) {
	return r.answerFollow(streams.NewActivityStreamsReject(), "reject", id, followID, follower, followee)
}

func (r Renderer) answerFollow(t activity, kind, id, followID string, follower, followee *ent.Account) ([]byte, error) {
	// The embedded Follow is the follower's own, so its ID is kept as sent.
	follow, err := renderActivity(streams.NewActivityStreamsFollow(), act{
		ID: followID, Actor: r.accountURI(follower), Object: r.accountURI(followee),
	})
	if err != nil {
		return nil, err
	}
	m, err := renderActivity(t, act{
		ID: r.activityID(followee, kind, id), Actor: r.accountURI(followee), Object: follow,
		To: []string{r.accountURI(follower)},
	})
	if err != nil {
		return nil, err
	}
	return finish(m)
}

// Like favourites a status. It is addressed to the status's author when LoadStatus
// loaded the author (GoToSocial reads the addressing; Mastodon does not need it).
func (r Renderer) Like(id string, actor *ent.Account, st *ent.Status) ([]byte, error) {
	m, err := r.likeMap(id, actor, st)
	if err != nil {
		return nil, err
	}
	return finish(m)
}

func (r Renderer) likeMap(id string, actor *ent.Account, st *ent.Status) (map[string]any, error) {
	var to []string
	if st.Edges.Account != nil {
		to = []string{r.accountURI(st.Edges.Account)}
	}
	return renderActivity(streams.NewActivityStreamsLike(), act{
		ID: r.activityID(actor, "like", id), Actor: r.accountURI(actor), Object: st.URI, To: to,
	})
}

// UndoLike takes a favourite back.
func (r Renderer) UndoLike(id string, actor *ent.Account, st *ent.Status) ([]byte, error) {
	inner, err := r.likeMap(id, actor, st)
	if err != nil {
		return nil, err
	}
	return r.undo(r.activityID(actor, "like", id), r.accountURI(actor), inner)
}

// Block tells target's server that actor blocked target (Mastodon then removes
// follows both ways and hides actor from target).
func (r Renderer) Block(id string, actor, target *ent.Account) ([]byte, error) {
	m, err := r.blockMap(id, actor, target)
	if err != nil {
		return nil, err
	}
	return finish(m)
}

func (r Renderer) blockMap(id string, actor, target *ent.Account) (map[string]any, error) {
	return renderActivity(streams.NewActivityStreamsBlock(), act{
		ID: r.activityID(actor, "block", id), Actor: r.accountURI(actor), Object: r.accountURI(target),
		To: []string{r.accountURI(target)},
	})
}

// UndoBlock lifts a block.
func (r Renderer) UndoBlock(id string, actor, target *ent.Account) ([]byte, error) {
	inner, err := r.blockMap(id, actor, target)
	if err != nil {
		return nil, err
	}
	return r.undo(r.activityID(actor, "block", id), r.accountURI(actor), inner)
}

// Flag forwards a report to the reported account's server, as Mastodon does: from the
// instance actor (so the reporter stays anonymous), with the comment as content and
// the reported account followed by the reported statuses as objects. id is the
// report's row ID or IRI.
func (r Renderer) Flag(id string, instanceActor, target *ent.Account, statuses []*ent.Status, comment string) ([]byte, error) {
	objects := []string{r.accountURI(target)}
	for _, st := range statuses {
		objects = append(objects, st.URI)
	}
	t := streams.NewActivityStreamsFlag()
	if comment != "" {
		content := streams.NewActivityStreamsContentProperty()
		content.AppendXMLSchemaString(comment)
		t.SetActivityStreamsContent(content)
	}
	m, err := renderActivity(t, act{
		ID: r.activityID(instanceActor, "flag", id), Actor: r.accountURI(instanceActor), Object: objects,
		To: []string{r.accountURI(target)},
	})
	if err != nil {
		return nil, err
	}
	return finish(m)
}
