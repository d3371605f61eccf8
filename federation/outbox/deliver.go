package outbox

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/remoteinstance"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/transport"
	"github.com/fedigraph/fedigraph/graph/domains"
	"github.com/fedigraph/fedigraph/graph/store"
)

// ActivityContentType is what deliveries are sent as (Mastodon's choice; every
// server accepts it).
const ActivityContentType = "application/activity+json"

// Deliverer works delivery jobs: it signs each activity with its actor's key and
// POSTs it to the inbox.
type Deliverer struct {
	river.WorkerDefaults[DeliverArgs]
	DB     *store.DB
	Client *transport.Client
	Config Config

	keys sync.Map // account ID → *cachedKey
}

type cachedKey struct {
	pem string
	key *httpsig.Signer
}

// Work delivers one activity to one inbox. Failures that cannot heal (a 4xx answer,
// a forbidden address, a suspended domain, a vanished actor) end the job at once;
// others are retried with backoff.
func (d *Deliverer) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	args := job.Args
	host := hostOf(args.Inbox)
	suspended, err := domains.Suspended(ctx, d.DB.Client, host)
	if err != nil {
		return err
	}
	if suspended {
		return river.JobCancel(fmt.Errorf("deliver to %s: domain is suspended", host))
	}
	signer, err := d.signer(ctx, args.ActorID)
	if ent.IsNotFound(err) {
		return river.JobCancel(fmt.Errorf("deliver to %s: actor %s is gone", args.Inbox, args.ActorID))
	}
	if err != nil {
		return err
	}
	err = d.Client.Post(ctx, args.Inbox, signer, ActivityContentType, args.Body)
	// The record is bookkeeping: failing to write it must not fail (and so repeat) a
	// delivery that went through.
	_ = d.record(ctx, host, err == nil)
	if err == nil {
		return nil
	}
	if !transport.Retryable(err) {
		return river.JobCancel(fmt.Errorf("deliver to %s: %w", args.Inbox, err))
	}
	return fmt.Errorf("deliver to %s: %w", args.Inbox, err)
}

// NextRetry backs off exponentially from Config.Backoff, with jitter so that retries
// to a server that was down do not all arrive together when it comes back.
func (d *Deliverer) NextRetry(job *river.Job[DeliverArgs]) time.Time {
	return time.Now().Add(backoff(d.Config.withDefaults(), job.Attempt))
}

func backoff(c Config, attempt int) time.Duration {
	wait := c.Backoff
	for i := 1; i < attempt && wait < c.MaxBackoff; i++ {
		wait *= 2
	}
	wait = min(wait, c.MaxBackoff)
	jitter := time.Duration(rand.Int64N(int64(wait)/5+1)) - wait/10
	return wait + jitter
}

// Timeout bounds one attempt: the HTTP client's own timeout plus time to sign.
func (d *Deliverer) Timeout(*river.Job[DeliverArgs]) time.Duration { return 2 * time.Minute }

// signer returns the actor's signing key, parsed once per key.
func (d *Deliverer) signer(ctx context.Context, actorID string) (*httpsig.Signer, error) {
	a, err := d.DB.Account.Query().Where(account.ID(actorID)).
		Select(account.FieldID, account.FieldPrivateKey, account.FieldPublicKeyURI).Only(ctx)
	if err != nil {
		return nil, err
	}
	if c, ok := d.keys.Load(actorID); ok && c.(*cachedKey).pem == a.PrivateKey {
		return c.(*cachedKey).key, nil
	}
	key, err := httpsig.ParsePrivateKeyPEM(a.PrivateKey)
	if err != nil {
		return nil, river.JobCancel(fmt.Errorf("actor %s has no usable key: %w", actorID, err))
	}
	s := &httpsig.Signer{KeyID: a.PublicKeyURI, Key: key}
	d.keys.Store(actorID, &cachedKey{pem: a.PrivateKey, key: s})
	return s, nil
}

// record keeps the per-domain delivery record: a success clears the failure count, a
// failure adds to it. Enough failures in a row make the domain unavailable (see
// Outbox.deliverable) until MarkAvailable.
func (d *Deliverer) record(ctx context.Context, host string, ok bool) error {
	now := time.Now()
	create := d.DB.RemoteInstance.Create().SetDomain(strings.ToLower(host))
	if ok {
		create.SetLastSuccessAt(now)
		return create.OnConflictColumns(remoteinstance.FieldDomain).
			Update(func(u *ent.RemoteInstanceUpsert) {
				u.SetLastSuccessAt(now).SetConsecutiveFailures(0).UpdateUpdatedAt()
			}).Exec(ctx)
	}
	create.SetLastFailureAt(now).SetConsecutiveFailures(1)
	return create.OnConflictColumns(remoteinstance.FieldDomain).
		Update(func(u *ent.RemoteInstanceUpsert) {
			u.SetLastFailureAt(now).AddConsecutiveFailures(1).UpdateUpdatedAt()
		}).Exec(ctx)
}

// MarkAvailable forgets a domain's failed deliveries: the inbox calls it when the
// domain's server delivers something, which shows it is back.
func MarkAvailable(ctx context.Context, c *ent.Client, host string) error {
	_, err := c.RemoteInstance.Update().
		Where(remoteinstance.Domain(strings.ToLower(host)), remoteinstance.ConsecutiveFailuresGT(0)).
		SetConsecutiveFailures(0).Save(ctx)
	return err
}
