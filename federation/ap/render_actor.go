package ap

import (
	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/fedigraph/fedigraph/ent"
)

// actorType is what a Person, Service, Application, Group and Organization can set.
type actorType interface {
	vocab.Type
	SetActivityStreamsInbox(vocab.ActivityStreamsInboxProperty)
	SetActivityStreamsOutbox(vocab.ActivityStreamsOutboxProperty)
	SetActivityStreamsFollowers(vocab.ActivityStreamsFollowersProperty)
	SetActivityStreamsFollowing(vocab.ActivityStreamsFollowingProperty)
	SetActivityStreamsPreferredUsername(vocab.ActivityStreamsPreferredUsernameProperty)
	SetActivityStreamsName(vocab.ActivityStreamsNameProperty)
	SetActivityStreamsSummary(vocab.ActivityStreamsSummaryProperty)
	SetActivityStreamsUrl(vocab.ActivityStreamsUrlProperty)
	SetActivityStreamsPublished(vocab.ActivityStreamsPublishedProperty)
	SetTootFeatured(vocab.TootFeaturedProperty)
	SetTootDiscoverable(vocab.TootDiscoverableProperty)
	SetW3IDSecurityV1PublicKey(vocab.W3IDSecurityV1PublicKeyProperty)
}

func newActorType(a *ent.Account) actorType {
	switch a.ActorType {
	case "SERVICE":
		return streams.NewActivityStreamsService()
	case "APPLICATION":
		return streams.NewActivityStreamsApplication()
	case "GROUP":
		return streams.NewActivityStreamsGroup()
	case "ORGANIZATION":
		return streams.NewActivityStreamsOrganization()
	}
	if a.Bot {
		return streams.NewActivityStreamsService() // how Mastodon tells a bot
	}
	return streams.NewActivityStreamsPerson()
}

// Actor renders a local account as the actor document Mastodon fetches: a Person (a
// Service for a bot) with its collections, endpoints.sharedInbox, publicKey (with
// owner and PEM, which signature verification needs), avatar (icon) and header
// (image), profile fields as PropertyValues, custom emojis of its name and bio, and
// Mastodon's flags. avatar, header and emojis may be nil.
func (r Renderer) Actor(a *ent.Account, avatar, header *ent.MediaAttachment, emojis []*ent.CustomEmoji) ([]byte, error) {
	m, err := r.actorMap(a, avatar, header, emojis)
	if err != nil {
		return nil, err
	}
	return finish(m)
}

func (r Renderer) actorMap(a *ent.Account, avatar, header *ent.MediaAttachment, emojis []*ent.CustomEmoji) (map[string]any, error) {
	id := r.accountURI(a)
	t := newActorType(a)
	t.SetJSONLDId(idProp(id))

	inbox := streams.NewActivityStreamsInboxProperty()
	inbox.SetIRI(iri(localOr(a.InboxURI, a, r.URIs.Inbox)))
	t.SetActivityStreamsInbox(inbox)
	outbox := streams.NewActivityStreamsOutboxProperty()
	outbox.SetIRI(iri(localOr(a.OutboxURI, a, r.URIs.Outbox)))
	t.SetActivityStreamsOutbox(outbox)
	followers := streams.NewActivityStreamsFollowersProperty()
	followers.SetIRI(iri(r.followersURI(a)))
	t.SetActivityStreamsFollowers(followers)
	following := streams.NewActivityStreamsFollowingProperty()
	following.SetIRI(iri(localOr(a.FollowingURI, a, r.URIs.Following)))
	t.SetActivityStreamsFollowing(following)
	featured := streams.NewTootFeaturedProperty()
	featured.SetIRI(iri(localOr(a.FeaturedURI, a, r.URIs.Featured)))
	t.SetTootFeatured(featured)

	username := streams.NewActivityStreamsPreferredUsernameProperty()
	username.SetXMLSchemaString(a.Username)
	t.SetActivityStreamsPreferredUsername(username)
	name := streams.NewActivityStreamsNameProperty()
	name.AppendXMLSchemaString(a.DisplayName)
	t.SetActivityStreamsName(name)
	summary := streams.NewActivityStreamsSummaryProperty()
	summary.AppendXMLSchemaString(a.Note)
	t.SetActivityStreamsSummary(summary)
	webURL := a.URL
	if webURL == "" {
		webURL = r.URIs.AccountWeb(a.Username)
	}
	u := streams.NewActivityStreamsUrlProperty()
	u.AppendIRI(iri(webURL))
	t.SetActivityStreamsUrl(u)
	// Mastodon publishes the day the account was made, not the second.
	published := streams.NewActivityStreamsPublishedProperty()
	published.Set(a.CreatedAt.UTC().Truncate(24 * 60 * 60 * 1e9))
	t.SetActivityStreamsPublished(published)
	discoverable := streams.NewTootDiscoverableProperty()
	discoverable.Set(a.Discoverable)
	t.SetTootDiscoverable(discoverable)

	key := streams.NewW3IDSecurityV1PublicKey()
	keyID := localOr(a.PublicKeyURI, a, r.URIs.PublicKey)
	key.SetJSONLDId(idProp(keyID))
	owner := streams.NewW3IDSecurityV1OwnerProperty()
	owner.SetIRI(iri(id))
	key.SetW3IDSecurityV1Owner(owner)
	pem := streams.NewW3IDSecurityV1PublicKeyPemProperty()
	pem.Set(a.PublicKey)
	key.SetW3IDSecurityV1PublicKeyPem(pem)
	keys := streams.NewW3IDSecurityV1PublicKeyProperty()
	keys.AppendW3IDSecurityV1PublicKey(key)
	t.SetW3IDSecurityV1PublicKey(keys)

	m, err := toMap(t)
	if err != nil {
		return nil, err
	}
	// What go-fed v1.0.0 lacks, as Mastodon writes it.
	m["manuallyApprovesFollowers"] = a.Locked
	m["indexable"] = a.Indexable
	m["memorial"] = a.Memorial
	m["endpoints"] = map[string]any{"sharedInbox": localOr(a.SharedInboxURI, a, func(string) string { return r.URIs.SharedInbox() })}
	if avatar != nil {
		m["icon"] = r.document(avatar, "Image")
	}
	if header != nil {
		m["image"] = r.document(header, "Image")
	}
	fields := make([]any, 0, len(a.Fields))
	for _, f := range a.Fields {
		fields = append(fields, map[string]any{"type": "PropertyValue", "name": f.Name, "value": f.Value})
	}
	m["attachment"] = fields
	tags := make([]any, 0, len(emojis))
	for _, e := range emojis {
		tags = append(tags, r.emojiTag(e))
	}
	m["tag"] = tags
	if len(a.AlsoKnownAs) > 0 {
		m["alsoKnownAs"] = a.AlsoKnownAs
	}
	return m, nil
}

// MovedTo sets movedTo on a rendered actor map. It is separate from Actor because the
// account row stores the target's row ID, not its IRI; callers that know the target
// pass its IRI to ActorMoved.
func (r Renderer) ActorMoved(a *ent.Account, avatar, header *ent.MediaAttachment, emojis []*ent.CustomEmoji, movedTo string) ([]byte, error) {
	m, err := r.actorMap(a, avatar, header, emojis)
	if err != nil {
		return nil, err
	}
	if movedTo != "" {
		m["movedTo"] = movedTo
	}
	return finish(m)
}

// UpdateActor tells other servers a local profile changed: an Update of the actor
// document, to Public, with the ID URI#updates/<unix seconds of updated_at>.
// movedTo is the IRI of the account this one moved to, or "".
func (r Renderer) UpdateActor(a *ent.Account, avatar, header *ent.MediaAttachment, emojis []*ent.CustomEmoji, movedTo string) ([]byte, error) {
	m, err := r.actorMap(a, avatar, header, emojis)
	if err != nil {
		return nil, err
	}
	if movedTo != "" {
		m["movedTo"] = movedTo
	}
	id := r.accountURI(a)
	out, err := renderActivity(streams.NewActivityStreamsUpdate(), act{
		ID: updateID(id, a.UpdatedAt), Actor: id, Object: m, To: []string{Public},
	})
	if err != nil {
		return nil, err
	}
	return finish(out)
}

// DeleteActor tells other servers a local account is gone: a Delete whose object is
// the actor itself, to Public, with the ID URI#delete.
func (r Renderer) DeleteActor(a *ent.Account) ([]byte, error) {
	id := r.accountURI(a)
	m, err := renderActivity(streams.NewActivityStreamsDelete(), act{
		ID: id + "#delete", Actor: id, Object: id, To: []string{Public},
	})
	if err != nil {
		return nil, err
	}
	return finish(m)
}

// Move announces that a local account moved to target (the new account's IRI, which
// must list this account in its alsoKnownAs). It goes to the account's followers.
// id is the move's row ID or IRI.
func (r Renderer) Move(id string, a *ent.Account, target string) ([]byte, error) {
	actor := r.accountURI(a)
	t := streams.NewActivityStreamsMove()
	tp := streams.NewActivityStreamsTargetProperty()
	tp.AppendIRI(iri(target))
	t.SetActivityStreamsTarget(tp)
	m, err := renderActivity(t, act{
		ID: r.activityID(a, "move", id), Actor: actor, Object: actor,
		To: nonEmpty([]string{r.followersURI(a)}),
	})
	if err != nil {
		return nil, err
	}
	return finish(m)
}
