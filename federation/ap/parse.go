package ap

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// ErrMalformed is wrapped by every parse error: the input is not JSON, not an
// ActivityStreams 2.0 document, lacks a property fedigraph needs (id, type, actor,
// inbox), has the wrong kind of object, or exceeds a size limit. errors.Is(err,
// ErrMalformed) tells a bad document (answer 400) from nothing else: the parsers do
// no I/O, so they fail for no other reason.
var ErrMalformed = errors.New("malformed ActivityStreams document")

// Limits on what a parser accepts. A document over one of them is refused whole rather
// than cut, so that no caller stores half of what a server sent.
const (
	MaxDocumentSize = 1 << 20 // bytes of raw JSON
	maxAudience     = 5000    // entries in each of to and cc
	maxTags         = 1000
	maxAttachments  = 100
	maxFields       = 100
	maxPollOptions  = 100
	maxAliases      = 100 // alsoKnownAs entries; also a Flag's objects
	maxDepth        = 4   // activities embedded in activities: Undo{Accept{Follow}} is 3
)

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

var (
	actorTypes = set("Person", "Service", "Application", "Group", "Organization")
	// noteTypes are the objects fedigraph shows as posts: Mastodon's Note and Question,
	// and the types it converts (Article, Page, Image, Video, Audio, Event).
	noteTypes     = set("Note", "Question", "Article", "Page", "Image", "Video", "Audio", "Event")
	activityTypes = set("Create", "Update", "Delete", "Follow", "Accept", "Reject", "TentativeAccept",
		"TentativeReject", "Undo", "Like", "Dislike", "Announce", "Block", "Flag", "Move", "Add",
		"Remove", "EmojiReact", "Invite", "Join", "Leave", "Offer", "Read", "View", "Listen",
		"Ignore", "Arrive", "Travel")
	otherTypes = set("Tombstone", "Collection", "OrderedCollection", "CollectionPage",
		"OrderedCollectionPage", "Document", "Link", "Mention", "Hashtag", "Emoji", "PropertyValue", "Key")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func knownType(t string) bool {
	return actorTypes[t] || noteTypes[t] || activityTypes[t] || otherTypes[t]
}

// ParseActivity parses an activity as an inbox receives it. Objects that are not
// activities (a bare Note or Person) are refused: use ParseObject for fetched objects.
// Activity types this package does not know (EmojiReact from Akkoma, say) parse with
// their common properties, so the caller can decide to ignore them.
func ParseActivity(raw []byte) (*Activity, error) {
	d, err := decode(raw)
	if err != nil {
		return nil, err
	}
	t := d.typ()
	if actorTypes[t] || noteTypes[t] || otherTypes[t] {
		return nil, malformed("a %s is not an activity", t)
	}
	a, err := parseActivity(d, 0)
	if err != nil {
		return nil, err
	}
	a.Raw = append([]byte(nil), raw...)
	return a, nil
}

// ParseObject parses any object with an id and a type: an actor, a post, an activity,
// or something else (a Tombstone, an unknown type), of which only Type and ID are kept.
func ParseObject(raw []byte) (*Object, error) {
	d, err := decode(raw)
	if err != nil {
		return nil, err
	}
	o, err := parseObject(d, 0)
	if err != nil {
		return nil, err
	}
	if o.Activity != nil {
		o.Activity.Raw = append([]byte(nil), raw...)
	}
	return o, nil
}

// ParseActor parses an actor document (Person, Service, Application, Group,
// Organization).
func ParseActor(raw []byte) (*Actor, error) {
	d, err := decode(raw)
	if err != nil {
		return nil, err
	}
	if t := d.typ(); !actorTypes[t] {
		return nil, malformed("type %q is not an actor", t)
	}
	return parseActor(d)
}

// ParseNote parses a post (Note, Question, Article, Page, Image, Video, Audio, Event).
func ParseNote(raw []byte) (*Note, error) {
	d, err := decode(raw)
	if err != nil {
		return nil, err
	}
	if t := d.typ(); !noteTypes[t] {
		return nil, malformed("type %q is not a post", t)
	}
	return parseNote(d)
}

// decode reads a top-level document: one JSON object, within the size limit, in the
// ActivityStreams @context.
func decode(raw []byte) (doc, error) {
	if len(raw) > MaxDocumentSize {
		return nil, malformed("document of %d bytes is over the %d byte limit", len(raw), MaxDocumentSize)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, malformed("not JSON: %v", err)
	}
	d := asDoc(v)
	if d == nil {
		return nil, malformed("not a JSON object")
	}
	if !hasASContext(d["@context"]) {
		return nil, malformed("@context does not include the ActivityStreams context")
	}
	return d, nil
}

// hasASContext reports whether a @context names the ActivityStreams 2.0 context,
// written in any of the ways servers do (https or http, with or without a trailing
// '#' or '.jsonld', alone or in an array).
func hasASContext(v any) bool {
	for _, c := range list(v) {
		s, ok := c.(string)
		if !ok {
			continue
		}
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
		s = strings.TrimSuffix(strings.TrimSuffix(s, "#"), ".jsonld")
		if s == "www.w3.org/ns/activitystreams" {
			return true
		}
	}
	return false
}

// requireID checks that an id is an absolute http(s) URL, as every object fedigraph
// stores or answers must be.
func requireID(what, id string) error {
	if id == "" {
		return malformed("%s has no id", what)
	}
	if !isHTTPURL(id) {
		return malformed("%s id %q is not an http(s) URL", what, id)
	}
	return nil
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

func parseObject(d doc, depth int) (*Object, error) {
	t := d.typ()
	if t == "" {
		return nil, malformed("object has no type")
	}
	o := &Object{Type: t, ID: d.str("id")}
	var err error
	switch {
	case actorTypes[t]:
		o.Actor, err = parseActor(d)
	case noteTypes[t]:
		o.Note, err = parseNote(d)
	case activityTypes[t] || d["actor"] != nil:
		o.Activity, err = parseActivity(d, depth)
	default:
		err = requireID(t, o.ID)
	}
	if err != nil {
		return nil, err
	}
	return o, nil
}

func parseActivity(d doc, depth int) (*Activity, error) {
	if depth >= maxDepth {
		return nil, malformed("activities nested deeper than %d", maxDepth)
	}
	a := &Activity{
		ID:        d.str("id"),
		Type:      d.typ(),
		Actor:     d.iri("actor"),
		Target:    d.iri("target"),
		Published: d.time("published"),
		Content:   d.firstStr("content"),
	}
	if a.Type == "" {
		return nil, malformed("activity has no type")
	}
	// Only the outermost activity must have an id: servers embed the Follow they
	// accept or undo as they remember it, sometimes without one.
	if depth == 0 || a.ID != "" {
		if err := requireID(a.Type, a.ID); err != nil {
			return nil, err
		}
	}
	if a.Actor == "" {
		return nil, malformed("%s has no actor", a.Type)
	}
	if depth == 0 && !isHTTPURL(a.Actor) {
		return nil, malformed("%s actor %q is not an http(s) URL", a.Type, a.Actor)
	}
	if a.Content == "" {
		a.Content, _ = fromLangMap(d.langMap("contentMap"))
	}
	if a.Content == "" {
		a.Content = d.str("_misskey_reaction")
	}
	var err error
	if a.To, a.Cc, err = audience(d); err != nil {
		return nil, err
	}
	objs := list(d["object"])
	if len(objs) > maxAliases {
		return nil, malformed("%s has %d objects, over the limit of %d", a.Type, len(objs), maxAliases)
	}
	for _, v := range objs {
		if s := iriOf(v); s != "" {
			a.ObjectIRIs = append(a.ObjectIRIs, s)
		}
	}
	if len(a.ObjectIRIs) > 0 {
		a.ObjectIRI = a.ObjectIRIs[0]
	}
	// An embedded object is parsed when it says what it is; {"id": …} alone is a
	// reference. Only a single object is embedded: Flag's list is of IRIs.
	if len(objs) == 1 {
		if od := asDoc(objs[0]); od != nil && od["type"] != nil {
			if a.Object, err = parseObject(od, depth+1); err != nil {
				return nil, fmt.Errorf("%s object: %w", a.Type, err)
			}
		}
	}
	if a.Emojis, err = emojiTags(d); err != nil {
		return nil, err
	}
	return a, nil
}

// audience reads to and cc, with Public written in full.
func audience(d doc) (to, cc []string, err error) {
	to, ok := d.iris("to", maxAudience)
	if !ok {
		return nil, nil, malformed("more than %d addressees in to", maxAudience)
	}
	cc, ok = d.iris("cc", maxAudience)
	if !ok {
		return nil, nil, malformed("more than %d addressees in cc", maxAudience)
	}
	return normalizeAudience(to), normalizeAudience(cc), nil
}

func tags(d doc) ([]any, error) {
	ts := list(d["tag"])
	if len(ts) > maxTags {
		return nil, malformed("more than %d tags", maxTags)
	}
	return ts, nil
}

func emojiTags(d doc) ([]Emoji, error) {
	ts, err := tags(d)
	if err != nil {
		return nil, err
	}
	var out []Emoji
	for _, v := range ts {
		if td := asDoc(v); td != nil && td.typ() == "Emoji" {
			if e, ok := parseEmoji(td); ok {
				out = append(out, e)
			}
		}
	}
	return out, nil
}

func parseEmoji(d doc) (Emoji, bool) {
	e := Emoji{
		ID:        d.str("id"),
		Shortcode: strings.Trim(d.firstStr("name"), ":"),
		Updated:   d.time("updated"),
	}
	for _, v := range list(d["icon"]) {
		switch t := v.(type) {
		case string:
			e.IconURL = t
		case map[string]any:
			icon := doc(t)
			e.IconURL, e.MediaType = icon.linkURL("url", false)
			if mt := icon.str("mediaType"); mt != "" {
				e.MediaType = mt
			}
		}
		if e.IconURL != "" {
			break
		}
	}
	return e, e.Shortcode != "" && e.IconURL != ""
}

func parseNote(d doc) (*Note, error) {
	n := &Note{
		ID:        d.str("id"),
		Type:      d.typ(),
		Summary:   d.firstStr("summary"),
		Name:      d.firstStr("name"),
		InReplyTo: d.iri("inReplyTo"),
		Sensitive: d.bool("sensitive"),
		Published: d.time("published"),
		Updated:   d.time("updated"),
		Context:   d.iri("context"),
	}
	if err := requireID(n.Type, n.ID); err != nil {
		return nil, err
	}
	n.AttributedTo = attributedTo(d)
	n.URL, _ = d.linkURL("url", true)
	n.Content = d.firstStr("content")
	contentMap := d.langMap("contentMap")
	if n.Content == "" {
		n.Content, n.Language = fromLangMap(contentMap)
	} else {
		n.Language = languageOf(n.Content, contentMap)
	}
	if n.Summary == "" {
		n.Summary, _ = fromLangMap(d.langMap("summaryMap"))
	}
	if n.Name == "" {
		n.Name, _ = fromLangMap(d.langMap("nameMap"))
	}
	if n.Context == "" {
		n.Context = d.iri("conversation")
	}
	for _, k := range []string{"quote", "quoteUri", "quoteUrl", "_misskey_quote"} {
		if n.QuoteURL = d.iri(k); n.QuoteURL != "" {
			break
		}
	}
	var err error
	if n.To, n.Cc, err = audience(d); err != nil {
		return nil, err
	}
	if err := n.readTags(d); err != nil {
		return nil, err
	}
	atts := list(d["attachment"])
	if len(atts) > maxAttachments {
		return nil, malformed("more than %d attachments", maxAttachments)
	}
	for _, v := range atts {
		if ad := asDoc(v); ad != nil {
			if at := parseAttachment(ad); at.URL != "" {
				n.Attachments = append(n.Attachments, at)
			}
		}
	}
	if n.Type == "Question" {
		if n.Poll, err = parsePoll(d); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// languageOf is the language whose contentMap entry is the content (the first in
// sorted order, should several be), or the only language there is.
func languageOf(content string, m map[string]string) string {
	langs := make([]string, 0, len(m))
	for k := range m {
		langs = append(langs, k)
	}
	sort.Strings(langs)
	for _, l := range langs {
		if m[l] == content || len(langs) == 1 {
			return l
		}
	}
	return ""
}

// attributedTo is the post's author. PeerTube attributes a video to a Person and its
// channel (a Group); the Person is the author.
func attributedTo(d doc) string {
	first := ""
	for _, v := range list(d["attributedTo"]) {
		s := iriOf(v)
		if s == "" {
			continue
		}
		if ad := asDoc(v); ad != nil && ad.typ() == "Person" {
			return s
		}
		if first == "" {
			first = s
		}
	}
	return first
}

func (n *Note) readTags(d doc) error {
	ts, err := tags(d)
	if err != nil {
		return err
	}
	for _, v := range ts {
		td := asDoc(v)
		if td == nil {
			continue
		}
		switch td.typ() {
		case "Mention":
			if href := td.iri("href"); href != "" {
				n.Mentions = append(n.Mentions, Mention{Href: href, Name: td.firstStr("name")})
			}
		case "Hashtag":
			if name := strings.TrimPrefix(td.firstStr("name"), "#"); name != "" {
				n.Hashtags = append(n.Hashtags, name)
			}
		case "Emoji":
			if e, ok := parseEmoji(td); ok {
				n.Emojis = append(n.Emojis, e)
			}
		case "Link":
			// FEP-e232 object links: Misskey and others tag a quoted post with a Link
			// whose mediaType is an ActivityStreams one.
			mt := td.str("mediaType")
			if n.QuoteURL == "" && (strings.Contains(mt, "activity+json") || strings.Contains(mt, "ld+json")) {
				n.QuoteURL = td.str("href")
			}
		}
	}
	return nil
}

func parseAttachment(d doc) Attachment {
	a := Attachment{
		Type:        d.typ(),
		Description: d.firstStr("name"),
		Blurhash:    d.str("blurhash"),
		Width:       d.int("width"),
		Height:      d.int("height"),
	}
	a.URL, a.MediaType = d.linkURL("url", false)
	if mt := d.str("mediaType"); mt != "" {
		a.MediaType = mt
	}
	if a.Description == "" {
		a.Description = d.firstStr("summary")
	}
	if fp, ok := d["focalPoint"].([]any); ok && len(fp) == 2 {
		a.FocusX, a.FocusY = unitRange(fp[0]), unitRange(fp[1])
	}
	return a
}

// unitRange clamps a focal point coordinate into [-1, 1].
func unitRange(v any) float64 {
	f, _ := v.(float64)
	switch {
	case f != f:
		return 0
	case f < -1:
		return -1
	case f > 1:
		return 1
	}
	return f
}

func parsePoll(d doc) (*Poll, error) {
	p := &Poll{EndTime: d.time("endTime"), VotersCount: d.int("votersCount")}
	opts := list(d["oneOf"])
	if any := list(d["anyOf"]); len(any) > 0 {
		opts, p.Multiple = any, true
	}
	if len(opts) == 0 {
		return nil, nil // a Question without options is shown as a plain post
	}
	if len(opts) > maxPollOptions {
		return nil, malformed("more than %d poll options", maxPollOptions)
	}
	for _, v := range opts {
		od := asDoc(v)
		if od == nil {
			continue
		}
		name := od.firstStr("name")
		if name == "" {
			name, _ = fromLangMap(od.langMap("nameMap"))
		}
		p.Options = append(p.Options, PollOption{Name: name, Votes: asDoc(od["replies"]).int("totalItems")})
	}
	// closed is a dateTime in Mastodon's documents and true in some others'.
	switch c := d["closed"].(type) {
	case bool:
		p.Closed = c
	case string:
		p.Closed, p.ClosedAt = true, d.time("closed")
	}
	return p, nil
}

func parseActor(d doc) (*Actor, error) {
	a := &Actor{
		ID:                        d.str("id"),
		Type:                      d.typ(),
		PreferredUsername:         d.str("preferredUsername"),
		Name:                      d.firstStr("name"),
		Summary:                   d.firstStr("summary"),
		Inbox:                     d.iri("inbox"),
		Outbox:                    d.iri("outbox"),
		Followers:                 d.iri("followers"),
		Following:                 d.iri("following"),
		Featured:                  d.iri("featured"),
		ManuallyApprovesFollowers: d.bool("manuallyApprovesFollowers"),
		Discoverable:              d.bool("discoverable"),
		Indexable:                 d.bool("indexable"),
		Memorial:                  d.bool("memorial"),
		Published:                 d.time("published"),
		MovedTo:                   d.iri("movedTo"),
	}
	if err := requireID(a.Type, a.ID); err != nil {
		return nil, err
	}
	if a.Inbox == "" {
		return nil, malformed("%s %s has no inbox", a.Type, a.ID)
	}
	a.Bot = a.Type == "Service" || a.Type == "Application"
	a.URL, _ = d.linkURL("url", true)
	if a.Name == "" {
		a.Name, _ = fromLangMap(d.langMap("nameMap"))
	}
	if a.Summary == "" {
		a.Summary, _ = fromLangMap(d.langMap("summaryMap"))
	}
	// Misskey repeats sharedInbox at the top level; endpoints is the standard place.
	a.SharedInbox = asDoc(d["endpoints"]).iri("sharedInbox")
	if a.SharedInbox == "" {
		a.SharedInbox = d.iri("sharedInbox")
	}
	a.readPublicKey(d)
	a.Icon, a.Image = actorImage(d, "icon"), actorImage(d, "image")
	var ok bool
	if a.AlsoKnownAs, ok = d.iris("alsoKnownAs", maxAliases); !ok {
		return nil, malformed("more than %d alsoKnownAs entries", maxAliases)
	}
	atts := list(d["attachment"])
	if len(atts) > maxFields {
		return nil, malformed("more than %d profile fields", maxFields)
	}
	for _, v := range atts {
		if fd := asDoc(v); fd != nil && fd.typ() == "PropertyValue" {
			a.Fields = append(a.Fields, Field{Name: fd.firstStr("name"), Value: fd.str("value")})
		}
	}
	var err error
	if a.Emojis, err = emojiTags(d); err != nil {
		return nil, err
	}
	return a, nil
}

// readPublicKey takes the actor's own key. publicKey is usually one object; some
// servers send several, or only the key's IRI.
func (a *Actor) readPublicKey(d doc) {
	keys := list(d["publicKey"])
	for i, v := range keys {
		switch t := v.(type) {
		case string:
			if i == 0 {
				a.PublicKeyID = t
			}
		case map[string]any:
			k := doc(t)
			owner := k.iri("owner")
			if i == 0 || owner == a.ID {
				a.PublicKeyID, a.PublicKeyOwner, a.PublicKeyPEM = k.str("id"), owner, k.str("publicKeyPem")
			}
			if owner == a.ID {
				return
			}
		}
	}
}

// actorImage reads an avatar (icon) or header (image): an Image object, a list of
// them (the first wins), or a bare URL.
func actorImage(d doc, key string) *Attachment {
	for _, v := range list(d[key]) {
		switch t := v.(type) {
		case string:
			if t != "" {
				return &Attachment{Type: "Image", URL: t}
			}
		case map[string]any:
			if at := parseAttachment(doc(t)); at.URL != "" {
				return &at
			}
		}
	}
	return nil
}
