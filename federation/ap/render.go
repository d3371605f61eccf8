package ap

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// ErrNotFederated is returned when asked to render a status that must never leave
// this server: a local-only status, or a boost of one.
var ErrNotFederated = errors.New("local-only status is never federated")

// Renderer turns local ent objects into the ActivityStreams JSON that other servers
// accept. The zero value of each func field falls back to the object's remote URL.
type Renderer struct {
	URIs uris.Builder
	// MediaURL is the absolute URL of a media file; PreviewURL that of its thumbnail.
	MediaURL   func(m *ent.MediaAttachment) string
	PreviewURL func(m *ent.MediaAttachment) string
	// EmojiURL is the absolute URL of a custom emoji's image.
	EmojiURL func(e *ent.CustomEmoji) string
}

// Context is the @context of every document fedigraph sends: ActivityStreams, the
// security vocabulary (publicKey), and the extension terms Mastodon defines and reads
// (as:sensitive, toot:, schema:PropertyValue…). One superset for every document keeps
// them alike; JSON-LD processors ignore terms a document does not use.
var Context = []any{
	"https://www.w3.org/ns/activitystreams",
	"https://w3id.org/security/v1",
	map[string]any{
		"manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
		"sensitive":                 "as:sensitive",
		"Hashtag":                   "as:Hashtag",
		"movedTo":                   map[string]any{"@id": "as:movedTo", "@type": "@id"},
		"alsoKnownAs":               map[string]any{"@id": "as:alsoKnownAs", "@type": "@id"},
		"toot":                      "http://joinmastodon.org/ns#",
		"Emoji":                     "toot:Emoji",
		"featured":                  map[string]any{"@id": "toot:featured", "@type": "@id"},
		"discoverable":              "toot:discoverable",
		"indexable":                 "toot:indexable",
		"memorial":                  "toot:memorial",
		"blurhash":                  "toot:blurhash",
		"focalPoint":                map[string]any{"@container": "@list", "@id": "toot:focalPoint"},
		"votersCount":               "toot:votersCount",
		"schema":                    "http://schema.org#",
		"PropertyValue":             "schema:PropertyValue",
		"value":                     "schema:value",
	},
}

// arrayKeys are the properties Mastodon always sends as arrays. go-fed writes a
// single value bare, which is valid JSON-LD, but some servers index these properties
// as arrays without checking, so fedigraph sends arrays too.
var arrayKeys = []string{"to", "cc", "tag", "attachment", "orderedItems", "alsoKnownAs"}

// finish gives a rendered document its @context and returns its JSON.
func finish(m map[string]any) ([]byte, error) {
	m["@context"] = Context
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode ActivityStreams JSON: %w", err)
	}
	return b, nil
}

// toMap serializes a go-fed value without its @context (nested documents have none;
// finish sets the outermost one) and with arrayKeys as arrays.
func toMap(t vocab.Type) (map[string]any, error) {
	m, err := streams.Serialize(t)
	if err != nil {
		return nil, fmt.Errorf("serialize %s: %w", t.GetTypeName(), err)
	}
	delete(m, "@context")
	for _, k := range arrayKeys {
		if v, ok := m[k]; ok {
			if _, isArr := v.([]any); !isArr {
				m[k] = []any{v}
			}
		}
	}
	return m, nil
}

// iri turns a stored IRI into go-fed's form. Stored IRIs were parsed once already;
// one that no longer parses is kept verbatim rather than dropped.
func iri(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{Opaque: s}
	}
	return u
}

func idProp(s string) vocab.JSONLDIdProperty {
	p := streams.NewJSONLDIdProperty()
	p.Set(iri(s))
	return p
}

// activity is what every activity type of go-fed can set.
type activity interface {
	vocab.Type
	SetActivityStreamsActor(vocab.ActivityStreamsActorProperty)
	SetActivityStreamsObject(vocab.ActivityStreamsObjectProperty)
	SetActivityStreamsTo(vocab.ActivityStreamsToProperty)
	SetActivityStreamsCc(vocab.ActivityStreamsCcProperty)
	SetActivityStreamsPublished(vocab.ActivityStreamsPublishedProperty)
}

// act describes an activity to render. Object is an IRI (string), an embedded
// document (map, already rendered), or a list of IRIs ([]string, for Flag).
type act struct {
	ID, Actor string
	Object    any
	To, Cc    []string
	Published time.Time
}

// renderActivity fills a go-fed activity and returns it as a map, with an embedded
// object put in place after serialization (go-fed does not know every extension an
// embedded Note or Person carries).
func renderActivity(t activity, a act) (map[string]any, error) {
	t.SetJSONLDId(idProp(a.ID))
	actor := streams.NewActivityStreamsActorProperty()
	actor.AppendIRI(iri(a.Actor))
	t.SetActivityStreamsActor(actor)
	switch o := a.Object.(type) {
	case string:
		p := streams.NewActivityStreamsObjectProperty()
		p.AppendIRI(iri(o))
		t.SetActivityStreamsObject(p)
	case []string:
		p := streams.NewActivityStreamsObjectProperty()
		for _, s := range o {
			p.AppendIRI(iri(s))
		}
		t.SetActivityStreamsObject(p)
	}
	if len(a.To) > 0 {
		t.SetActivityStreamsTo(toProp(a.To))
	}
	if len(a.Cc) > 0 {
		t.SetActivityStreamsCc(ccProp(a.Cc))
	}
	if !a.Published.IsZero() {
		p := streams.NewActivityStreamsPublishedProperty()
		p.Set(a.Published.UTC())
		t.SetActivityStreamsPublished(p)
	}
	m, err := toMap(t)
	if err != nil {
		return nil, err
	}
	switch o := a.Object.(type) {
	case map[string]any:
		m["object"] = o
	case []string:
		m["object"] = o // always a list, even of one, as Mastodon's Flag
	}
	return m, nil
}

func toProp(iris []string) vocab.ActivityStreamsToProperty {
	p := streams.NewActivityStreamsToProperty()
	for _, s := range iris {
		p.AppendIRI(iri(s))
	}
	return p
}

func ccProp(iris []string) vocab.ActivityStreamsCcProperty {
	p := streams.NewActivityStreamsCcProperty()
	for _, s := range iris {
		p.AppendIRI(iri(s))
	}
	return p
}

// activityID is the ID of an activity a local account performed. Callers may pass the
// IRI they stored (Follow.uri, Favourite.uri…) or the row's ID, which gets the same
// IRI graph/relations and graph/interact store: uris.Builder.Activity.
func (r Renderer) activityID(a *ent.Account, kind, id string) string {
	if strings.Contains(id, "://") {
		return id
	}
	return r.URIs.Activity(a.Username, kind, id)
}

// undoID is the ID of the Undo of an activity. It is derived from the undone
// activity's ID, as Mastodon does, so the same Undo always has the same ID.
func undoID(id string) string {
	if strings.Contains(id, "#") {
		return id + "/undo"
	}
	return id + "#undo"
}

// updateID names one Update of an object by when it happened, as Mastodon does
// (#updates/<unix seconds>), so two edits never share an ID.
func updateID(uri string, at time.Time) string {
	return uri + "#updates/" + strconv.FormatInt(at.Unix(), 10)
}

// The accessors below read an account's ActivityPub IRIs. Local accounts store them
// when created; rows made before that (and test fixtures) fall back to the IRIs the
// URI builder gives.

func (r Renderer) accountURI(a *ent.Account) string {
	if a.URI != "" {
		return a.URI
	}
	return r.URIs.Account(a.Username)
}

func (r Renderer) followersURI(a *ent.Account) string {
	switch {
	case a.FollowersURI != "":
		return a.FollowersURI
	case a.Domain == "":
		return r.URIs.Followers(a.Username)
	}
	return ""
}

func localOr(stored string, a *ent.Account, build func(string) string) string {
	if stored != "" || a.Domain != "" {
		return stored
	}
	return build(a.Username)
}

// handle is an account's @user@domain, as Mention tags name it.
func (r Renderer) handle(a *ent.Account) string {
	domain := a.Domain
	if domain == "" {
		domain = r.URIs.Host
	}
	return "@" + a.Username + "@" + domain
}

// needAccount returns a status's author, which the caller must have loaded
// (LoadStatus does).
func needAccount(st *ent.Status) (*ent.Account, error) {
	if st.Edges.Account == nil {
		return nil, fmt.Errorf("render status %s: its account is not loaded (use LoadStatus)", st.ID)
	}
	return st.Edges.Account, nil
}
