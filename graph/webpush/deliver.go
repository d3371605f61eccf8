package webpush

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	webpushlib "github.com/SherClockHolmes/webpush-go"
	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/token"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/ent/webpushsubscription"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
)

// PushArgs is one notification to push to one subscription: a durable job, inserted
// with the notification, worked once it has committed.
type PushArgs struct {
	NotificationID string `json:"notification_id"`
	SubscriptionID string `json:"subscription_id"`
}

// Kind names the job.
func (PushArgs) Kind() string { return "webpush.deliver" }

// maxAttempts bounds retries of a push a push service keeps refusing for now (429,
// 5xx, unreachable): river backs off between them, so the last try is hours later.
const maxAttempts = 8

// InsertOpts puts pushes on the default queue, apart from federation's.
func (PushArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.Default, MaxAttempts: maxAttempts}
}

// Events is the hub publisher that also queues pushes: graph/notify hands every
// notification it writes to its publisher's NotificationCreated, in the notification's
// own transaction (see notify.Enqueuer), so the push jobs commit or roll back with it.
type Events struct {
	hub.Publisher
	Queue *jobs.Queue
}

// NotificationCreated queues a push of n to each subscription of the recipient's
// live tokens that wants this kind of notification.
func (e Events) NotificationCreated(ctx context.Context, tx *store.Tx, n *ent.Notification) error {
	subs, err := subscriptionsOf(tx.Client(), n.AccountID).All(ctx)
	if err != nil {
		return fmt.Errorf("find push subscriptions: %w", err)
	}
	var params []river.InsertManyParams
	for _, sub := range subs {
		if sub.Alerts[string(n.Type)] {
			params = append(params, river.InsertManyParams{Args: PushArgs{NotificationID: n.ID, SubscriptionID: sub.ID}})
		}
	}
	if len(params) == 0 {
		return nil
	}
	return e.Queue.InsertManyTx(ctx, tx, params)
}

// subscriptionsOf is the subscriptions of the account's tokens that are still valid.
func subscriptionsOf(c *ent.Client, accountID string) *ent.WebPushSubscriptionQuery {
	return c.WebPushSubscription.Query().Where(webpushsubscription.HasTokenWith(
		token.RevokedAtIsNil(),
		token.HasUserWith(user.HasAccountWith(account.ID(accountID))),
	))
}

// Payload renders the JSON pushed for n to sub (Mastodon's push payload; see
// mastoapi/push).
type Payload func(ctx context.Context, sub *ent.WebPushSubscription, n *ent.Notification) ([]byte, error)

// Deliverer works push jobs: it checks that the push is still wanted, renders it,
// encrypts it for the subscriber and posts it to the push service. A subscription the
// push service says is gone (404, 410) is removed.
type Deliverer struct {
	river.WorkerDefaults[PushArgs]
	DB   *ent.Client
	Keys *Keys
	// Client posts to push services. It must refuse private addresses (the endpoint
	// is the client's choice): give it federation's guarded transport.
	Client *http.Client
	// Subscriber is the contact push services see in the VAPID claim: the instance's
	// URL or a mailto: address.
	Subscriber string
	// Payload renders pushes; it must be set before the queue starts working.
	Payload Payload
	// TTL is how long a push service keeps a push for an offline device (default
	// two days, as Mastodon).
	TTL time.Duration
}

// Timeout bounds one push.
func (d *Deliverer) Timeout(*river.Job[PushArgs]) time.Duration { return 30 * time.Second }

// Work pushes one notification to one subscription.
func (d *Deliverer) Work(ctx context.Context, job *river.Job[PushArgs]) error {
	sub, n, err := d.load(ctx, job.Args)
	if err != nil || sub == nil {
		return err
	}
	if ok, err := allowed(ctx, d.DB, sub, n); err != nil || !ok {
		return err
	}
	body, err := d.Payload(ctx, sub, n)
	if err != nil {
		return err
	}
	keys, err := d.Keys.Get(ctx)
	if err != nil {
		return err
	}
	ttl := d.TTL
	if ttl == 0 {
		ttl = 48 * time.Hour
	}
	resp, err := webpushlib.SendNotificationWithContext(ctx, body, &webpushlib.Subscription{
		Endpoint: sub.Endpoint,
		Keys:     webpushlib.Keys{P256dh: sub.KeyP256dh, Auth: sub.KeyAuth},
	}, &webpushlib.Options{
		HTTPClient:      d.Client,
		Subscriber:      d.Subscriber,
		VAPIDPublicKey:  keys.PublicKey,
		VAPIDPrivateKey: keys.PrivateKey,
		TTL:             int(ttl.Seconds()),
		Urgency:         webpushlib.UrgencyNormal,
	})
	if err != nil {
		return fmt.Errorf("push notification %s: %w", n.ID, err)
	}
	resp.Body.Close()
	switch code := resp.StatusCode; {
	case code == http.StatusNotFound || code == http.StatusGone:
		// The browser or app unsubscribed from its push service.
		if _, err := d.DB.WebPushSubscription.Delete().Where(webpushsubscription.ID(sub.ID)).Exec(ctx); err != nil {
			return fmt.Errorf("remove expired push subscription: %w", err)
		}
		return nil
	case code == http.StatusTooManyRequests || code >= 500:
		return fmt.Errorf("push notification %s: the push service answered %d; retrying", n.ID, code)
	case code >= 400:
		return river.JobCancel(fmt.Errorf("push notification %s: the push service refused it (%d)", n.ID, code))
	}
	return nil
}

// load reads the job's subscription (with its token) and notification; nil when
// either is gone or the token no longer valid, which ends the job.
func (d *Deliverer) load(ctx context.Context, a PushArgs) (*ent.WebPushSubscription, *ent.Notification, error) {
	sub, err := d.DB.WebPushSubscription.Query().Where(webpushsubscription.ID(a.SubscriptionID)).WithToken().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load push subscription: %w", err)
	}
	if tok := sub.Edges.Token; tok == nil || tok.RevokedAt != nil || (tok.ExpiresAt != nil && tok.ExpiresAt.Before(time.Now())) {
		return nil, nil, nil
	}
	n, err := d.DB.Notification.Get(ctx, a.NotificationID)
	if ent.IsNotFound(err) {
		return nil, nil, nil // dismissed before it could be pushed
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load notification to push: %w", err)
	}
	return sub, n, nil
}

// allowed applies the subscription's alerts and policy as they are now (the user may
// have changed them since the job was queued).
func allowed(ctx context.Context, c *ent.Client, sub *ent.WebPushSubscription, n *ent.Notification) (bool, error) {
	if !sub.Alerts[string(n.Type)] {
		return false, nil
	}
	var q *ent.FollowQuery
	switch sub.Policy {
	case webpushsubscription.PolicyALL:
		return true, nil
	case webpushsubscription.PolicyNONE:
		return false, nil
	case webpushsubscription.PolicyFOLLOWED:
		q = c.Follow.Query().Where(follow.AccountID(n.AccountID), follow.TargetAccountID(n.FromAccountID))
	case webpushsubscription.PolicyFOLLOWER:
		q = c.Follow.Query().Where(follow.AccountID(n.FromAccountID), follow.TargetAccountID(n.AccountID))
	default:
		return false, errors.New("push subscription with an unknown policy")
	}
	ok, err := q.Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("check push policy: %w", err)
	}
	return ok, nil
}
