package entity_test

import (
	"context"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// t0 is when the fixtures happen. Everything but the accounts (which testrig creates
// now, with fresh IDs) has a fixed ID and time, so that golden files stay put.
var t0 = time.Date(2024, 3, 1, 12, 34, 56, 789_000_000, time.UTC)

// world is the fixture every entity test renders from:
//
//   - alice, local, a moderator, posts `post` (public, with a mention of bob, #cats,
//     an image, a poll and an earlier revision, from the Tusky app) and `mutuals`
//     (mutuals-only, with a content warning, pinned);
//   - bob, remote (a group), replies to it and follows alice, who follows him back;
//   - carol, local, favourites, bookmarks and boosts `post` and votes in its poll.
type world struct {
	t   *testing.T
	ctx context.Context
	db  *store.DB
	r   *entity.Renderer

	alice, bob, carol           *ent.Account
	app                         *ent.Application
	tag                         *ent.Tag
	post, reply, boost, mutuals *ent.Status
	list                        *ent.List
	notifications               []*ent.Notification
	conversation                *ent.Conversation
}

func newWorld(t *testing.T, db *store.DB) *world {
	w := &world{t: t, ctx: t.Context(), db: db, r: newRenderer(db)}
	w.makeAccounts()
	w.app = must(db.Application.Create().SetID("01HQAPP0000000000000000001").
		SetName("Tusky").SetWebsite("https://tusky.app").
		SetRedirectUris([]string{"urn:ietf:wg:oauth:2.0:oob"}).
		SetClientID("fixture-client").SetClientSecret("fixture-secret").Save(w.ctx))
	w.tag = must(db.Tag.Create().SetID("01HQTAG0000000000000000001").SetName("cats").Save(w.ctx))
	w.makePost()
	w.makeOthers()
	w.makeInteractions()
	w.makeNotifications()
	w.makeConversation()
	w.list = must(db.List.Create().SetID("01HQLIST000000000000000001").SetAccountID(w.alice.ID).
		SetTitle("Friends").SetRepliesPolicy(list.RepliesPolicyFOLLOWED).SetExclusive(true).Save(w.ctx))
	return w
}

func (w *world) makeAccounts() {
	t, ctx := w.t, w.ctx
	verified := t0.Add(-24 * time.Hour)
	w.alice = must(w.db.Account.UpdateOne(testrig.LocalAccount(t, w.db, "alice")).
		SetDisplayName("Alice ✨").
		SetNote(`<p>I post about cats &amp; code</p>`).
		SetNoteSource("I post about cats & code").
		SetFields([]schema.AccountField{
			{Name: "Website", Value: "https://alice.example", VerifiedAt: &verified},
			{Name: "Likes", Value: "<b>cats</b> & dogs"},
		}).
		SetDiscoverable(true).SetIndexable(true).
		SetFollowersCount(1).SetFollowingCount(1).SetStatusesCount(2).SetLastStatusAt(t0).
		Save(ctx))
	must(w.db.User.Update().Where(user.HasAccountWith(account.ID(w.alice.ID))).
		SetModerator(true).SetDefaultVisibility(user.DefaultVisibilityMUTUALS_ONLY).
		SetDefaultLanguage("en").SetDefaultSensitive(true).Save(ctx))
	w.bob = must(w.db.Account.UpdateOne(testrig.RemoteAccount(t, w.db, "bob", "remote.example")).
		SetDisplayName("Bob's club").
		SetNote(`<p>A <a href="https://remote.example/tags/club">#club</a></p>`).
		SetFields([]schema.AccountField{{Name: "Home", Value: `<a href="https://bob.example" rel="me">bob.example</a>`}}).
		SetActorType(account.ActorTypeGROUP).SetLocked(true).
		SetFollowersCount(1).SetFollowingCount(1).SetStatusesCount(1).SetLastStatusAt(t0.Add(time.Minute)).
		Save(ctx))
	w.carol = testrig.LocalAccount(t, w.db, "carol")
}

// status starts a status with a fixed ID and time.
func (w *world) status(id string, author *ent.Account, at time.Time) *ent.StatusCreate {
	return w.db.Status.Create().SetID(id).SetAccountID(author.ID).SetCreatedAt(at).SetUpdatedAt(at).
		SetURI(testURIs.Status(author.Username, id)).SetThreadID(id)
}

func (w *world) makePost() {
	ctx := w.ctx
	const id = "01HQPOST000000000000000001"
	w.post = must(w.status(id, w.alice, t0).
		SetURL(testURIs.StatusWeb("alice", id)).
		SetText("Hello @bob@remote.example #cats").
		SetContent(`<p>Hello <span class="h-card"><a href="https://remote.example/@bob" class="u-url mention">@<span>bob</span></a></span> <a href="https://fedigraph.test/tags/cats" class="mention hashtag" rel="tag">#<span>cats</span></a></p>`).
		SetLanguage("en").SetApplicationID(w.app.ID).SetEditedAt(t0.Add(time.Hour)).
		SetRepliesCount(1).SetReblogsCount(1).SetFavouritesCount(1).
		AddTagIDs(w.tag.ID).Save(ctx))
	must(w.db.Mention.Create().SetStatusID(id).SetAccountID(w.bob.ID).Save(ctx))
	must(w.db.MediaAttachment.Create().SetID("01HQMEDIA00000000000000001").SetAccountID(w.alice.ID).
		SetStatusID(id).SetType(mediaattachment.TypeIMAGE).SetContentType("image/png").
		SetFilePath("attachments/01HQMEDIA00000000000000001.png").
		SetPreviewPath("attachments/01HQMEDIA00000000000000001_small.png").
		SetDescription("A cat asleep on a keyboard").SetBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj").
		SetMeta(schema.MediaMeta{Width: 640, Height: 480, PreviewWidth: 320, PreviewHeight: 240}).
		SetFocusX(0.1).SetFocusY(-0.2).SetProcessing(mediaattachment.ProcessingPROCESSED).Save(ctx))
	p := must(w.db.Poll.Create().SetID("01HQPOLL000000000000000001").SetStatusID(id).
		SetOptions([]string{"Yes", "No"}).SetExpiresAt(time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)).Save(ctx))
	must(w.db.PollVote.Create().SetPollID(p.ID).SetAccountID(w.carol.ID).SetChoice(1).Save(ctx))
	must(w.db.PollVote.Create().SetPollID(p.ID).SetAccountID(w.bob.ID).SetChoice(0).Save(ctx))
	must(w.db.StatusEdit.Create().SetID("01HQEDIT000000000000000001").SetStatusID(id).SetCreatedAt(t0).
		SetContent("<p>Hello</p>").Save(ctx))
}

func (w *world) makeOthers() {
	ctx := w.ctx
	const replyID, boostID, mutualsID = "01HQREPLY00000000000000001", "01HQBOOST00000000000000001", "01HQMUTUAL0000000000000001"
	w.reply = must(w.db.Status.Create().SetID(replyID).SetAccountID(w.bob.ID).
		SetCreatedAt(t0.Add(time.Minute)).SetUpdatedAt(t0.Add(time.Minute)).SetLocal(false).
		SetURI("https://remote.example/users/bob/statuses/1").SetURL("https://remote.example/@bob/1").
		SetContent(`<p><span class="h-card"><a href="https://fedigraph.test/@alice" class="u-url mention">@<span>alice</span></a></span> hi!</p>`).
		SetVisibility(status.VisibilityUNLISTED).
		SetInReplyToID(w.post.ID).SetInReplyToAccountID(w.alice.ID).SetThreadID(w.post.ID).Save(ctx))
	must(w.db.Mention.Create().SetStatusID(replyID).SetAccountID(w.alice.ID).Save(ctx))
	w.boost = must(w.status(boostID, w.carol, t0.Add(2*time.Minute)).SetReblogOfID(w.post.ID).Save(ctx))
	w.mutuals = must(w.status(mutualsID, w.alice, t0.Add(3*time.Minute)).
		SetURL(testURIs.StatusWeb("alice", mutualsID)).
		SetText("secret plans").SetContent("<p>secret plans</p>").SetSpoilerText("plans").SetSensitive(true).
		SetLanguage("en").SetVisibility(status.VisibilityMUTUALS_ONLY).Save(ctx))
	must(w.db.StatusPin.Create().SetAccountID(w.alice.ID).SetStatusID(mutualsID).Save(ctx))
}

func (w *world) makeInteractions() {
	ctx := w.ctx
	must(w.db.Favourite.Create().SetAccountID(w.carol.ID).SetStatusID(w.post.ID).
		SetURI(testURIs.Activity("carol", "like", "1")).Save(ctx))
	must(w.db.Bookmark.Create().SetAccountID(w.carol.ID).SetStatusID(w.post.ID).Save(ctx))
	must(w.db.Follow.Create().SetAccountID(w.alice.ID).SetTargetAccountID(w.bob.ID).
		SetNotify(true).SetURI(testURIs.Activity("alice", "follow", "1")).Save(ctx))
	must(w.db.Follow.Create().SetAccountID(w.bob.ID).SetTargetAccountID(w.alice.ID).
		SetURI("https://remote.example/follows/1").Save(ctx))
	must(w.db.AccountNote.Create().SetAccountID(w.alice.ID).SetTargetAccountID(w.bob.ID).
		SetComment("met at a conference").Save(ctx))
	must(w.db.FollowRequest.Create().SetAccountID(w.carol.ID).SetTargetAccountID(w.alice.ID).Save(ctx))
}

func (w *world) makeNotifications() {
	ctx := w.ctx
	for i, n := range []struct {
		typ    notification.Type
		from   *ent.Account
		status *ent.Status
	}{
		{notification.TypeFAVOURITE, w.carol, w.post},
		{notification.TypeFOLLOW, w.bob, nil},
		{notification.TypeMENTION, w.bob, w.reply},
	} {
		c := w.db.Notification.Create().SetID("01HQNOTE00000000000000000" + string(rune('1'+i))).
			SetCreatedAt(t0.Add(time.Duration(4+i) * time.Minute)).
			SetType(n.typ).SetAccountID(w.alice.ID).SetFromAccountID(n.from.ID)
		if n.status != nil {
			c.SetStatusID(n.status.ID)
		}
		w.notifications = append(w.notifications, must(c.Save(ctx)))
	}
}

// makeConversation has carol write to alice alone, which alice has not read yet.
func (w *world) makeConversation() {
	ctx := w.ctx
	const dmID = "01HQDM00000000000000000001"
	must(w.status(dmID, w.carol, t0.Add(8*time.Minute)).
		SetURL(testURIs.StatusWeb("carol", dmID)).
		SetText("@alice lunch?").
		SetContent(`<p><span class="h-card"><a href="https://fedigraph.test/@alice" class="u-url mention">@<span>alice</span></a></span> lunch?</p>`).
		SetVisibility(status.VisibilityDIRECT).Save(ctx))
	must(w.db.Mention.Create().SetStatusID(dmID).SetAccountID(w.alice.ID).Save(ctx))
	w.conversation = must(w.db.Conversation.Create().SetID("01HQCONV000000000000000001").
		SetCreatedAt(t0.Add(8 * time.Minute)).SetUpdatedAt(t0.Add(8 * time.Minute)).
		SetAccountID(w.alice.ID).SetThreadID(dmID).SetParticipantIds([]string{w.carol.ID}).
		SetLastStatusID(dmID).SetUnread(true).Save(ctx))
}

// placeholders maps the values that change from run to run (the accounts' IDs and
// creation days) to stable names for the golden files.
func (w *world) placeholders() map[string]string {
	out := map[string]string{}
	for name, a := range map[string]*ent.Account{"ALICE": w.alice, "BOB": w.bob, "CAROL": w.carol} {
		out[a.ID] = "ACCOUNT_ID_" + name
		y, m, d := a.CreatedAt.UTC().Date()
		out[time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02T15:04:05.000Z")] = "ACCOUNT_CREATED_DAY"
	}
	return out
}
