package ap

import (
	"fmt"
	"sort"

	"github.com/go-fed/activity/streams"
	"github.com/go-fed/activity/streams/vocab"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/polls"
)

// post is what both a Note and a Question can set.
type post interface {
	vocab.Type
	SetActivityStreamsAttributedTo(vocab.ActivityStreamsAttributedToProperty)
	SetActivityStreamsContent(vocab.ActivityStreamsContentProperty)
	SetActivityStreamsSummary(vocab.ActivityStreamsSummaryProperty)
	SetActivityStreamsPublished(vocab.ActivityStreamsPublishedProperty)
	SetActivityStreamsUpdated(vocab.ActivityStreamsUpdatedProperty)
	SetActivityStreamsUrl(vocab.ActivityStreamsUrlProperty)
	SetActivityStreamsInReplyTo(vocab.ActivityStreamsInReplyToProperty)
	SetActivityStreamsTo(vocab.ActivityStreamsToProperty)
	SetActivityStreamsCc(vocab.ActivityStreamsCcProperty)
	SetActivityStreamsTag(vocab.ActivityStreamsTagProperty)
}

// Audience is who a local status is addressed to, derived from its visibility as
// Mastodon addresses it:
//
//	PUBLIC          to: Public       cc: followers, mentioned
//	UNLISTED        to: followers    cc: Public, mentioned
//	FOLLOWERS_ONLY  to: followers    cc: mentioned
//	DIRECT          to: mentioned
//	MUTUALS_ONLY    to: mentioned
//
// MUTUALS_ONLY is addressed like DIRECT: addressing the followers collection would
// show the post to every follower's server, and no collection of mutuals exists to
// address instead. Silent mentions (added by a reply, no notification) are addressed
// but get no Mention tag, so the mentioned account can read the post without being
// notified of it.
func (r Renderer) Audience(st *ent.Status) (to, cc []string, err error) {
	author, err := needAccount(st)
	if err != nil {
		return nil, nil, err
	}
	var mentioned []string
	for _, m := range mentionsInOrder(st) {
		if m.Edges.Account == nil {
			return nil, nil, fmt.Errorf("render status %s: mentioned accounts are not loaded (use LoadStatus)", st.ID)
		}
		mentioned = append(mentioned, r.accountURI(m.Edges.Account))
	}
	followers := r.followersURI(author)
	switch string(st.Visibility) {
	case VisibilityPublic:
		return []string{Public}, nonEmpty(append([]string{followers}, mentioned...)), nil
	case VisibilityUnlisted:
		return nonEmpty([]string{followers}), append([]string{Public}, mentioned...), nil
	case VisibilityFollowersOnly:
		return nonEmpty([]string{followers}), mentioned, nil
	default:
		return mentioned, nil, nil
	}
}

// mentionsInOrder is a status's mentions sorted by the mentioned account's IRI, so
// the same status always renders the same bytes whatever order its rows load in
// (mention IDs made in one millisecond do not sort in creation order).
func mentionsInOrder(st *ent.Status) []*ent.Mention {
	ms := append([]*ent.Mention(nil), st.Edges.Mentions...)
	key := func(m *ent.Mention) string {
		if m.Edges.Account == nil {
			return ""
		}
		return m.Edges.Account.URI
	}
	sort.SliceStable(ms, func(i, j int) bool { return key(ms[i]) < key(ms[j]) })
	return ms
}

func nonEmpty(in []string) []string {
	out := in[:0]
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Note renders a local status as the Note (or, with a poll, the Question) that
// Mastodon accepts, with its own @context: the answer to a fetch of the status's URI.
// The status must come from LoadStatus. A local-only status gives ErrNotFederated.
func (r Renderer) Note(st *ent.Status) ([]byte, error) {
	m, err := r.noteMap(st)
	if err != nil {
		return nil, err
	}
	return finish(m)
}

func (r Renderer) noteMap(st *ent.Status) (map[string]any, error) {
	if st.LocalOnly {
		return nil, ErrNotFederated
	}
	author, err := needAccount(st)
	if err != nil {
		return nil, err
	}
	to, cc, err := r.Audience(st)
	if err != nil {
		return nil, err
	}
	var p post
	poll := st.Edges.Poll
	if poll != nil {
		p = streams.NewActivityStreamsQuestion()
	} else {
		p = streams.NewActivityStreamsNote()
	}
	p.SetJSONLDId(idProp(st.URI))
	attributed := streams.NewActivityStreamsAttributedToProperty()
	attributed.AppendIRI(iri(r.accountURI(author)))
	p.SetActivityStreamsAttributedTo(attributed)
	content := streams.NewActivityStreamsContentProperty()
	content.AppendXMLSchemaString(st.Content)
	p.SetActivityStreamsContent(content)
	if st.SpoilerText != "" {
		summary := streams.NewActivityStreamsSummaryProperty()
		summary.AppendXMLSchemaString(st.SpoilerText)
		p.SetActivityStreamsSummary(summary)
	}
	published := streams.NewActivityStreamsPublishedProperty()
	published.Set(st.CreatedAt.UTC())
	p.SetActivityStreamsPublished(published)
	if st.EditedAt != nil {
		updated := streams.NewActivityStreamsUpdatedProperty()
		updated.Set(st.EditedAt.UTC())
		p.SetActivityStreamsUpdated(updated)
	}
	webURL := st.URL
	if webURL == "" {
		webURL = r.URIs.StatusWeb(author.Username, st.ID)
	}
	u := streams.NewActivityStreamsUrlProperty()
	u.AppendIRI(iri(webURL))
	p.SetActivityStreamsUrl(u)
	if st.InReplyToID != nil {
		if st.Edges.InReplyTo == nil {
			return nil, fmt.Errorf("render status %s: the status it replies to is not loaded (use LoadStatus)", st.ID)
		}
		reply := streams.NewActivityStreamsInReplyToProperty()
		reply.AppendIRI(iri(st.Edges.InReplyTo.URI))
		p.SetActivityStreamsInReplyTo(reply)
	}
	if len(to) > 0 {
		p.SetActivityStreamsTo(toProp(to))
	}
	if len(cc) > 0 {
		p.SetActivityStreamsCc(ccProp(cc))
	}
	if q, ok := p.(vocab.ActivityStreamsQuestion); ok {
		r.setPoll(q, poll)
	}
	m, err := toMap(p)
	if err != nil {
		return nil, err
	}
	m["sensitive"] = st.Sensitive
	// contentMap is set here: go-fed writes a langString beside a plain string as a
	// second value of content, not as contentMap.
	if st.Language != "" {
		m["contentMap"] = map[string]string{st.Language: st.Content}
	}
	if tags := r.noteTags(st); len(tags) > 0 {
		m["tag"] = tags
	}
	if atts := r.attachments(st.Edges.Media); len(atts) > 0 {
		m["attachment"] = atts
	}
	return m, nil
}

// setPoll renders a poll as Mastodon does: oneOf (or anyOf for multiple choice)
// options, each a Note whose replies collection counts its votes; endTime; closed once
// it has closed; votersCount. Totals come from the poll's votes, which LoadStatus loads.
func (r Renderer) setPoll(q vocab.ActivityStreamsQuestion, p *ent.Poll) {
	totals := polls.Count(p, p.Edges.Votes)
	if p.RemoteVotersCount != nil {
		totals.Voters, totals.PerOption = *p.RemoteVotersCount, p.RemoteCounts
	}
	oneOf := streams.NewActivityStreamsOneOfProperty()
	anyOf := streams.NewActivityStreamsAnyOfProperty()
	for i, option := range p.Options {
		n := streams.NewActivityStreamsNote()
		name := streams.NewActivityStreamsNameProperty()
		name.AppendXMLSchemaString(option)
		n.SetActivityStreamsName(name)
		c := streams.NewActivityStreamsCollection()
		total := streams.NewActivityStreamsTotalItemsProperty()
		if i < len(totals.PerOption) {
			total.Set(totals.PerOption[i])
		} else {
			total.Set(0)
		}
		c.SetActivityStreamsTotalItems(total)
		replies := streams.NewActivityStreamsRepliesProperty()
		replies.SetActivityStreamsCollection(c)
		n.SetActivityStreamsReplies(replies)
		if p.Multiple {
			anyOf.AppendActivityStreamsNote(n)
		} else {
			oneOf.AppendActivityStreamsNote(n)
		}
	}
	if p.Multiple {
		q.SetActivityStreamsAnyOf(anyOf)
	} else {
		q.SetActivityStreamsOneOf(oneOf)
	}
	if p.ExpiresAt != nil {
		end := streams.NewActivityStreamsEndTimeProperty()
		end.Set(p.ExpiresAt.UTC())
		q.SetActivityStreamsEndTime(end)
	}
	if p.ClosedAt != nil {
		closed := streams.NewActivityStreamsClosedProperty()
		closed.AppendXMLSchemaDateTime(p.ClosedAt.UTC())
		q.SetActivityStreamsClosed(closed)
	}
	voters := streams.NewTootVotersCountProperty()
	voters.Set(totals.Voters)
	q.SetTootVotersCount(voters)
}

// noteTags are the Mention, Hashtag and Emoji tags of a status, in that order, as
// plain maps: go-fed v1.0.0 has no Hashtag type.
func (r Renderer) noteTags(st *ent.Status) []any {
	var out []any
	for _, m := range mentionsInOrder(st) {
		if m.Silent || m.Edges.Account == nil {
			continue
		}
		out = append(out, map[string]any{
			"type": "Mention",
			"href": r.accountURI(m.Edges.Account),
			"name": r.handle(m.Edges.Account),
		})
	}
	tags := append([]*ent.Tag(nil), st.Edges.Tags...)
	sort.Slice(tags, func(i, j int) bool { return tags[i].Name < tags[j].Name })
	for _, t := range tags {
		out = append(out, map[string]any{
			"type": "Hashtag",
			"href": r.URIs.Tag(t.Name),
			"name": "#" + t.Name,
		})
	}
	for _, e := range st.Edges.Emojis {
		out = append(out, r.emojiTag(e))
	}
	return out
}

// emojiTag is a custom emoji as Mastodon's toot:Emoji.
func (r Renderer) emojiTag(e *ent.CustomEmoji) map[string]any {
	id := e.URI
	if id == "" {
		id = r.URIs.Base() + "/emojis/" + e.ID
	}
	icon := map[string]any{"type": "Image", "url": r.emojiURL(e)}
	if e.ContentType != "" {
		icon["mediaType"] = e.ContentType
	}
	return map[string]any{
		"id":      id,
		"type":    "Emoji",
		"name":    ":" + e.Shortcode + ":",
		"updated": e.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z"),
		"icon":    icon,
	}
}

func (r Renderer) emojiURL(e *ent.CustomEmoji) string {
	if r.EmojiURL != nil {
		return r.EmojiURL(e)
	}
	return e.ImageRemoteURL
}

func (r Renderer) mediaURL(m *ent.MediaAttachment) string {
	if r.MediaURL != nil {
		return r.MediaURL(m)
	}
	return m.RemoteURL
}

// attachments renders media as Mastodon's Documents, in upload order.
func (r Renderer) attachments(media []*ent.MediaAttachment) []any {
	media = append([]*ent.MediaAttachment(nil), media...)
	sort.Slice(media, func(i, j int) bool { return media[i].ID < media[j].ID })
	out := make([]any, 0, len(media))
	for _, m := range media {
		out = append(out, r.document(m, "Document"))
	}
	return out
}

// document is one file as an attachment (Document) or an avatar or header (Image).
func (r Renderer) document(m *ent.MediaAttachment, typ string) map[string]any {
	d := map[string]any{"type": typ, "url": r.mediaURL(m)}
	if m.ContentType != "" {
		d["mediaType"] = m.ContentType
	}
	if typ == "Document" {
		// Mastodon sends name: null for no description; omitting it reads the same.
		if m.Description != "" {
			d["name"] = m.Description
		}
		if m.Blurhash != "" {
			d["blurhash"] = m.Blurhash
		}
		if m.FocusX != 0 || m.FocusY != 0 {
			d["focalPoint"] = []float64{m.FocusX, m.FocusY}
		}
		if m.Meta.Width > 0 && m.Meta.Height > 0 {
			d["width"], d["height"] = m.Meta.Width, m.Meta.Height
		}
	}
	return d
}

// Create wraps a status's Note in the Create that delivers it. Its ID is the status
// URI + "/activity", as Mastodon's.
func (r Renderer) Create(st *ent.Status) ([]byte, error) {
	note, err := r.noteMap(st)
	if err != nil {
		return nil, err
	}
	to, cc, _ := r.Audience(st)
	m, err := renderActivity(streams.NewActivityStreamsCreate(), act{
		ID: st.URI + "/activity", Actor: r.accountURI(st.Edges.Account),
		Object: note, To: to, Cc: cc, Published: st.CreatedAt,
	})
	if err != nil {
		return nil, err
	}
	return finish(m)
}

// Update delivers an edited status (or a poll's new tallies). Its ID names the edit
// time (edited_at, else updated_at): URI#updates/<unix seconds>.
func (r Renderer) Update(st *ent.Status) ([]byte, error) {
	note, err := r.noteMap(st)
	if err != nil {
		return nil, err
	}
	at := st.UpdatedAt
	if st.EditedAt != nil {
		at = *st.EditedAt
	}
	to, cc, _ := r.Audience(st)
	m, err := renderActivity(streams.NewActivityStreamsUpdate(), act{
		ID: updateID(st.URI, at), Actor: r.accountURI(st.Edges.Account),
		Object: note, To: to, Cc: cc, Published: at,
	})
	if err != nil {
		return nil, err
	}
	return finish(m)
}

// Delete tells the servers that had a status that it is gone: a Delete of a Tombstone
// with the status's ID, addressed like the status was. Its ID is URI#delete.
func (r Renderer) Delete(st *ent.Status) ([]byte, error) {
	if st.LocalOnly {
		return nil, ErrNotFederated
	}
	author, err := needAccount(st)
	if err != nil {
		return nil, err
	}
	to, cc, err := r.Audience(st)
	if err != nil {
		return nil, err
	}
	tomb := streams.NewActivityStreamsTombstone()
	tomb.SetJSONLDId(idProp(st.URI))
	tm, err := toMap(tomb)
	if err != nil {
		return nil, err
	}
	m, err := renderActivity(streams.NewActivityStreamsDelete(), act{
		ID: st.URI + "#delete", Actor: r.accountURI(author), Object: tm, To: to, Cc: cc,
	})
	if err != nil {
		return nil, err
	}
	return finish(m)
}

// Vote renders one chosen option of a local account's vote in a remote poll, as
// Mastodon sends it: a Create of a Note named after the option, replying to the
// Question and addressed to its author only. A multiple-choice vote is one Vote per
// option, each with its own id (a PollVote row ID or its stored uri).
func (r Renderer) Vote(id string, voter *ent.Account, question *ent.Status, choice string) ([]byte, error) {
	author, err := needAccount(question)
	if err != nil {
		return nil, err
	}
	noteID := r.activityID(voter, "vote", id)
	authorURI := r.accountURI(author)
	n := streams.NewActivityStreamsNote()
	n.SetJSONLDId(idProp(noteID))
	name := streams.NewActivityStreamsNameProperty()
	name.AppendXMLSchemaString(choice)
	n.SetActivityStreamsName(name)
	attributed := streams.NewActivityStreamsAttributedToProperty()
	attributed.AppendIRI(iri(r.accountURI(voter)))
	n.SetActivityStreamsAttributedTo(attributed)
	reply := streams.NewActivityStreamsInReplyToProperty()
	reply.AppendIRI(iri(question.URI))
	n.SetActivityStreamsInReplyTo(reply)
	n.SetActivityStreamsTo(toProp([]string{authorURI}))
	nm, err := toMap(n)
	if err != nil {
		return nil, err
	}
	m, err := renderActivity(streams.NewActivityStreamsCreate(), act{
		ID: noteID + "/activity", Actor: r.accountURI(voter), Object: nm, To: []string{authorURI},
	})
	if err != nil {
		return nil, err
	}
	return finish(m)
}
