// Package outbox sends local activities to other servers. It implements
// federate.Federator: inside the transaction of the write that caused an activity, it
// renders the activity, works out which inboxes must receive it (once per shared
// inbox), and inserts one durable delivery job per inbox. The jobs sign and POST the
// activity with retries, exponential backoff and a cap; a domain that keeps failing is
// marked unavailable, so dead servers stop costing work until they are heard from again.
//
// Rendering in the transaction is deliberate: deletes and undos describe rows that are
// gone once it commits, and a job that carries the finished document needs nothing
// from the database but the signing key when it runs, however late that is.
package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/remoteinstance"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/domains"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Config tunes delivery.
type Config struct {
	// MaxAttempts caps the tries of one delivery (default 12: with the default
	// backoff that is about a day and a half of retrying).
	MaxAttempts int
	// Backoff is the wait before the first retry; each next wait doubles, up to
	// MaxBackoff (defaults 30s and 6h).
	Backoff, MaxBackoff time.Duration
	// UnavailableAfter consecutive failed deliveries mark a domain unavailable: no
	// new deliveries are queued for it until it is heard from (default 30).
	UnavailableAfter int
}

func (c Config) withDefaults() Config {
	if c.MaxAttempts == 0 {
		c.MaxAttempts = 12
	}
	if c.Backoff == 0 {
		c.Backoff = 30 * time.Second
	}
	if c.MaxBackoff == 0 {
		c.MaxBackoff = 6 * time.Hour
	}
	if c.UnavailableAfter == 0 {
		c.UnavailableAfter = 30
	}
	return c
}

// Outbox turns local activities into delivery jobs.
type Outbox struct {
	Queue  *jobs.Queue
	Render ap.Renderer
	Config Config
	// InstanceActorID is the instance actor's account, which sends forwarded reports
	// so that the reporter stays anonymous to the reported account's server.
	InstanceActorID string
}

// DeliverArgs is one activity on its way to one inbox.
type DeliverArgs struct {
	ActorID string          `json:"actor_id"` // whose key signs it
	Inbox   string          `json:"inbox"`
	Body    json.RawMessage `json:"body"`
}

// Kind names the job.
func (DeliverArgs) Kind() string { return "federation.deliver" }

// InsertOpts puts deliveries on the federation queue.
func (DeliverArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: jobs.Federation} }

// Federate implements federate.Federator.
func (o *Outbox) Federate(ctx context.Context, tx *store.Tx, a federate.Activity) error {
	c := tx.Client()
	actor, err := c.Account.Get(ctx, a.ActorID)
	if err != nil {
		return fmt.Errorf("federate %s: load actor: %w", a.Kind, err)
	}
	if actor.Domain != "" {
		return nil // remote actors' activities are their own servers' to send
	}
	bodies, to, err := o.render(ctx, c, actor, a)
	if err != nil {
		return fmt.Errorf("federate %s: %w", a.Kind, err)
	}
	if len(bodies) == 0 {
		return nil
	}
	inboxes, err := o.inboxes(ctx, c, to)
	if err != nil {
		return fmt.Errorf("federate %s: %w", a.Kind, err)
	}
	maxAttempts := o.Config.withDefaults().MaxAttempts
	signer := actor.ID
	if a.Kind == federate.Flag {
		signer = o.InstanceActorID
	}
	var params []river.InsertManyParams
	for _, body := range bodies {
		for _, inbox := range inboxes {
			params = append(params, river.InsertManyParams{
				Args:       DeliverArgs{ActorID: signer, Inbox: inbox, Body: body},
				InsertOpts: &river.InsertOpts{Queue: jobs.Federation, MaxAttempts: maxAttempts},
			})
		}
	}
	if len(params) == 0 {
		return nil
	}
	return o.Queue.InsertManyTx(ctx, tx, params)
}

// recipients says who must receive an activity: some accounts, and perhaps all the
// followers of the actor.
type recipients struct {
	accounts  []*ent.Account
	followers string // the account whose followers receive it, or ""
}

// render builds the activity's documents (one, but a vote has one per choice) and
// its recipients. No documents means the activity does not federate: a local-only
// post, a like of a local post, a follow of a local account…
func (o *Outbox) render(ctx context.Context, c *ent.Client, actor *ent.Account, a federate.Activity) ([][]byte, recipients, error) {
	r := o.Render
	var to recipients
	one := func(b []byte, err error) ([][]byte, recipients, error) {
		if errors.Is(err, ap.ErrNotFederated) {
			return nil, to, nil
		}
		if err != nil {
			return nil, to, err
		}
		return [][]byte{b}, to, nil
	}
	switch a.Kind {
	case federate.CreateStatus, federate.UpdateStatus, federate.DeleteStatus:
		st, err := ap.LoadStatus(ctx, c, a.StatusID)
		if err != nil {
			return nil, to, err
		}
		if st.LocalOnly {
			return nil, to, nil
		}
		if to, err = statusAudience(ctx, c, st); err != nil {
			return nil, to, err
		}
		switch a.Kind {
		case federate.CreateStatus:
			return one(r.Create(st))
		case federate.UpdateStatus:
			return one(r.Update(st))
		default:
			return one(r.Delete(st))
		}

	case federate.Announce, federate.Unannounce:
		boost, err := ap.LoadStatus(ctx, c, a.StatusID)
		if err != nil {
			return nil, to, err
		}
		orig := boost.Edges.ReblogOf
		if orig == nil || boost.LocalOnly || orig.LocalOnly {
			return nil, to, nil
		}
		to = recipients{accounts: []*ent.Account{orig.Edges.Account}, followers: actor.ID}
		if a.Kind == federate.Announce {
			return one(r.Announce(boost, orig))
		}
		return one(r.UndoAnnounce(boost, orig))

	case federate.Like, federate.Unlike:
		st, err := c.Status.Query().Where(status.ID(a.ObjectID)).WithAccount().Only(ctx)
		if err != nil {
			return nil, to, fmt.Errorf("load liked status: %w", err)
		}
		if st.LocalOnly || st.Edges.Account.Domain == "" {
			return nil, to, nil
		}
		to = recipients{accounts: []*ent.Account{st.Edges.Account}}
		if a.Kind == federate.Like {
			return one(r.Like(a.ActivityID, actor, st))
		}
		return one(r.UndoLike(firstOf(a.ObjectURI, a.ActivityID), actor, st))

	case federate.Follow, federate.Unfollow, federate.AcceptFollow, federate.RejectFollow, federate.Block, federate.Unblock:
		target, err := c.Account.Get(ctx, a.TargetID)
		if err != nil {
			return nil, to, fmt.Errorf("load target account: %w", err)
		}
		if target.Domain == "" {
			return nil, to, nil
		}
		to = recipients{accounts: []*ent.Account{target}}
		switch a.Kind {
		case federate.Follow:
			return one(r.Follow(firstOf(a.ObjectURI, a.ActivityID), actor, target))
		case federate.Unfollow:
			return one(r.UndoFollow(a.ObjectURI, actor, target))
		case federate.AcceptFollow:
			return one(r.Accept(ids.New(time.Now()), a.ObjectURI, target, actor))
		case federate.RejectFollow:
			return one(r.Reject(ids.New(time.Now()), a.ObjectURI, target, actor))
		case federate.Block:
			return one(r.Block(a.ActivityID, actor, target))
		default:
			return one(r.UndoBlock(a.ObjectURI, actor, target))
		}

	case federate.UpdateActor, federate.DeleteActor:
		to = recipients{followers: actor.ID}
		if a.Kind == federate.DeleteActor {
			return one(r.DeleteActor(actor))
		}
		withMedia, err := c.Account.Query().Where(account.ID(actor.ID)).WithAvatar().WithHeader().WithEmojis().Only(ctx)
		if err != nil {
			return nil, to, fmt.Errorf("load actor: %w", err)
		}
		return one(r.UpdateActor(withMedia, withMedia.Edges.Avatar, withMedia.Edges.Header, withMedia.Edges.Emojis, ""))

	case federate.Vote:
		question, err := ap.LoadStatus(ctx, c, a.ObjectID)
		if err != nil {
			return nil, to, err
		}
		if question.Edges.Account.Domain == "" {
			return nil, to, nil // a local poll counts the vote itself
		}
		to = recipients{accounts: []*ent.Account{question.Edges.Account}}
		var bodies [][]byte
		for _, choice := range a.Choices {
			b, err := r.Vote(ids.New(time.Now()), actor, question, choice)
			if err != nil {
				return nil, to, err
			}
			bodies = append(bodies, b)
		}
		return bodies, to, nil

	case federate.Flag:
		if o.InstanceActorID == "" {
			return nil, to, nil
		}
		rep, err := c.Report.Get(ctx, a.ActivityID)
		if err != nil {
			return nil, to, fmt.Errorf("load report: %w", err)
		}
		target, err := c.Account.Get(ctx, a.TargetID)
		if err != nil {
			return nil, to, fmt.Errorf("load reported account: %w", err)
		}
		instanceActor, err := c.Account.Get(ctx, o.InstanceActorID)
		if err != nil {
			return nil, to, fmt.Errorf("load instance actor: %w", err)
		}
		statuses, err := c.Status.Query().Where(status.IDIn(rep.StatusIds...), status.AccountID(target.ID)).
			Order(ent.Asc(status.FieldID)).All(ctx)
		if err != nil {
			return nil, to, fmt.Errorf("load reported statuses: %w", err)
		}
		to = recipients{accounts: []*ent.Account{target}}
		return one(r.Flag(rep.ID, instanceActor, target, statuses, rep.Comment))
	}
	return nil, to, nil
}

// statusAudience is who receives a status's Create, Update or Delete: the accounts it
// mentions, the author it replies to, and, unless it is a direct message, the
// author's followers.
func statusAudience(ctx context.Context, c *ent.Client, st *ent.Status) (recipients, error) {
	var to recipients
	for _, m := range st.Edges.Mentions {
		to.accounts = append(to.accounts, m.Edges.Account)
	}
	if st.InReplyToAccountID != nil {
		parentAuthor, err := c.Account.Get(ctx, *st.InReplyToAccountID)
		if err != nil && !ent.IsNotFound(err) {
			return to, fmt.Errorf("load replied-to account: %w", err)
		}
		if parentAuthor != nil {
			to.accounts = append(to.accounts, parentAuthor)
		}
	}
	if st.Visibility != status.VisibilityDIRECT {
		to.followers = st.AccountID
	}
	return to, nil
}

// inboxes turns recipients into the inboxes to deliver to: each remote account's
// shared inbox where it has one, else its own; each once; none on a suspended or
// unavailable domain.
func (o *Outbox) inboxes(ctx context.Context, c *ent.Client, to recipients) ([]string, error) {
	var all []string
	for _, a := range to.accounts {
		if a != nil && a.Domain != "" {
			all = append(all, firstOf(a.SharedInboxURI, a.InboxURI))
		}
	}
	if to.followers != "" {
		remote := c.Follow.Query().Where(follow.TargetAccountID(to.followers)).QueryAccount().
			Where(account.DomainNEQ(""), account.SuspendedAtIsNil())
		shared, err := remote.Clone().Where(account.SharedInboxURINEQ("")).
			Unique(true).Select(account.FieldSharedInboxURI).Strings(ctx)
		if err != nil {
			return nil, fmt.Errorf("load followers' shared inboxes: %w", err)
		}
		own, err := remote.Clone().Where(account.SharedInboxURI("")).
			Unique(true).Select(account.FieldInboxURI).Strings(ctx)
		if err != nil {
			return nil, fmt.Errorf("load followers' inboxes: %w", err)
		}
		all = append(append(all, shared...), own...)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	out := all[:0]
	verdicts := map[string]bool{}
	for _, inbox := range all {
		host := hostOf(inbox)
		if host == "" {
			continue
		}
		ok, seen := verdicts[host]
		if !seen {
			var err error
			if ok, err = o.deliverable(ctx, c, host); err != nil {
				return nil, err
			}
			verdicts[host] = ok
		}
		if ok {
			out = append(out, inbox)
		}
	}
	return out, nil
}

// deliverable reports whether deliveries to host should be queued: not when
// moderators suspended its domain, nor while it is marked unavailable.
func (o *Outbox) deliverable(ctx context.Context, c *ent.Client, host string) (bool, error) {
	suspended, err := domains.Suspended(ctx, c, host)
	if err != nil || suspended {
		return false, err
	}
	unavailable, err := c.RemoteInstance.Query().Where(
		remoteinstance.Domain(strings.ToLower(host)),
		remoteinstance.ConsecutiveFailuresGTE(o.Config.withDefaults().UnavailableAfter),
	).Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("check availability of %s: %w", host, err)
	}
	return !unavailable, nil
}

func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
