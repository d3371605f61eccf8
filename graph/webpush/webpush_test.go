package webpush_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/token"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/ent/webpushsubscription"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/notify"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/graph/webpush"
	"github.com/fedigraph/fedigraph/graph/webpush/webpushtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// rig is the application core with pushes queued in notifications' transactions and
// worked by a real queue, and alice subscribed at a loopback push service.
type rig struct {
	t          *testing.T
	ctx        context.Context
	db         *store.DB
	res        *graph.Resolver
	keys       *webpush.Keys
	push       *webpushtest.Endpoint
	alice, bob *ent.Account
	tokenID    string
}

// payload is what the rig's payload renderer pushes.
type payload struct {
	NotificationID string `json:"notification_id"`
	Type           string `json:"type"`
	Token          string `json:"token"`
}

func newRig(t *testing.T, db *store.DB) *rig {
	r := &rig{t: t, ctx: t.Context(), db: db, keys: &webpush.Keys{DB: db.Client}, push: webpushtest.New(t)}
	workers := river.NewWorkers()
	river.AddWorker(workers, &webpush.Deliverer{
		DB: db.Client, Keys: r.keys, Client: http.DefaultClient, Subscriber: "https://" + testrig.TestHost,
		Payload: func(_ context.Context, sub *ent.WebPushSubscription, n *ent.Notification) ([]byte, error) {
			return json.Marshal(payload{NotificationID: n.ID, Type: string(n.Type), Token: sub.AccessToken})
		},
	})
	q, err := jobs.New(r.ctx, db, jobs.Config{Workers: workers, Concurrency: map[string]int{jobs.Default: 2}, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
	h := hub.New()
	r.res = graph.NewResolver(graph.Deps{
		DB: db, Hub: h, Events: webpush.Events{Publisher: h, Queue: q},
		Settings: graph.Settings{URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost}, MaxStatusChars: 500, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4},
	})
	r.alice = testrig.LocalAccount(t, db, "alice")
	r.bob = testrig.LocalAccount(t, db, "bob")
	testrig.Token(t, db, r.alice, "read write follow push")
	tok, err := db.Token.Query().Where(token.HasUserWith(user.HasAccountWith(account.ID(r.alice.ID)))).Only(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	r.tokenID = tok.ID
	return r
}

func (r *rig) subscribe(alerts map[notification.Type]bool, policy webpushsubscription.Policy) *ent.WebPushSubscription {
	r.t.Helper()
	sub, err := webpush.Subscribe(r.ctx, r.db.Client, r.tokenID, "alices-token", webpush.Subscription{
		Endpoint: r.push.URL, P256dh: r.push.P256dh, Auth: r.push.Auth, Alerts: alerts, Policy: policy,
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return sub
}

func (r *rig) say(who *ent.Account, text string) *ent.Status {
	r.t.Helper()
	st, err := r.res.Posting.Create(r.ctx, who.ID, posting.NewStatus{Draft: posting.Draft{Text: text}})
	if err != nil {
		r.t.Fatal(err)
	}
	return st
}

// next waits for a push and decodes it.
func (r *rig) next() (payload, webpushtest.Push) {
	r.t.Helper()
	p, ok := r.push.Next(10 * time.Second)
	if !ok {
		r.t.Fatal("no push within 10s")
	}
	if p.Err != nil {
		r.t.Fatalf("push could not be decrypted: %v", p.Err)
	}
	var out payload
	if err := json.Unmarshal(p.Payload, &out); err != nil {
		r.t.Fatalf("push payload %q: %v", p.Payload, err)
	}
	return out, p
}

// none checks that no push arrives for a while.
func (r *rig) none(why string) {
	r.t.Helper()
	if p, ok := r.push.Next(500 * time.Millisecond); ok {
		r.t.Errorf("%s: got a push %s", why, p.Payload)
	}
}

func TestPushesAreEncryptedSignedAndFiltered(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		r.subscribe(map[notification.Type]bool{notification.TypeMENTION: true, notification.TypeFAVOURITE: true}, "")

		mention := r.say(r.bob, "@alice hello")
		got, p := r.next()
		n, err := db.Notification.Query().Where(notification.StatusID(mention.ID)).Only(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.NotificationID != n.ID || got.Type != "MENTION" || got.Token != "alices-token" {
			t.Errorf("pushed %+v, want the mention %s", got, n.ID)
		}
		keys, err := r.keys.Get(r.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ce := p.Header.Get("Content-Encoding"); ce != "aes128gcm" {
			t.Errorf("Content-Encoding %q, want aes128gcm (RFC 8291)", ce)
		}
		if a := p.Header.Get("Authorization"); !strings.HasPrefix(a, "vapid t=") || !strings.Contains(a, "k="+keys.PublicKey) {
			t.Errorf("Authorization %q, want a VAPID signature with the instance's key", a)
		}
		if p.Header.Get("TTL") == "" {
			t.Error("no TTL header")
		}

		// Follows are not asked for.
		if _, err := r.res.Relations.Follow(r.ctx, r.bob.ID, r.alice.ID, relations.FollowOptions{}); err != nil {
			t.Fatal(err)
		}
		r.none("a follow, not among the alerts")

		// Only from accounts alice follows: bob's favourite is not pushed until she follows him.
		policy := webpushsubscription.PolicyFOLLOWED
		if _, err := webpush.Update(r.ctx, db.Client, r.tokenID, webpush.Change{Policy: &policy}); err != nil {
			t.Fatal(err)
		}
		own := r.say(r.alice, "my post")
		if _, err := r.res.Interact.Favourite(r.ctx, r.bob.ID, own.ID); err != nil {
			t.Fatal(err)
		}
		r.none("a favourite from someone alice does not follow, under the followed policy")
		if _, err := r.res.Relations.Follow(r.ctx, r.alice.ID, r.bob.ID, relations.FollowOptions{}); err != nil {
			t.Fatal(err)
		}
		another := r.say(r.alice, "another post")
		if _, err := r.res.Interact.Favourite(r.ctx, r.bob.ID, another.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := r.next(); got.Type != "FAVOURITE" {
			t.Errorf("pushed %+v, want the favourite from someone alice follows", got)
		}

		// The push service says the subscription is gone: it is removed.
		r.push.Answer(http.StatusGone)
		r.say(r.bob, "@alice still there?")
		r.next()
		deadline := time.Now().Add(5 * time.Second)
		for {
			if _, err := webpush.Get(r.ctx, db.Client, r.tokenID); apperr.Is(err, apperr.NotFound) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the subscription the push service called gone is still there")
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

// A notification whose transaction rolls back leaves no push behind, and one that
// commits is pushed: the job is written in the notification's own transaction.
func TestPushJobsCommitWithTheNotification(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		r.subscribe(map[notification.Type]bool{notification.TypeMENTION: true}, webpushsubscription.PolicyALL)
		notice := notify.Notice{Type: notification.TypeMENTION, RecipientID: r.alice.ID, FromID: r.bob.ID}
		var rolledBack *ent.Notification
		err := db.InTx(r.ctx, func(tx *store.Tx) error {
			n, err := notify.Send(r.ctx, tx, r.res.Events, notice)
			if err != nil {
				return err
			}
			rolledBack = n
			return errors.New("something later in the write fails")
		})
		if err == nil || rolledBack == nil {
			t.Fatalf("the write did not fail after notifying (%v, %v)", err, rolledBack)
		}
		var kept *ent.Notification
		err = db.InTx(r.ctx, func(tx *store.Tx) error {
			kept, err = notify.Send(r.ctx, tx, r.res.Events, notice)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := r.next(); got.NotificationID != kept.ID {
			t.Errorf("pushed %s, want the committed notification %s (not the rolled-back %s)", got.NotificationID, kept.ID, rolledBack.ID)
		}
		r.none("after the committed notification's push")
	})
}

func TestVAPIDKeysAreMadeOnceAndShared(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		a, b := &webpush.Keys{DB: db.Client}, &webpush.Keys{DB: db.Client}
		ka, err := a.Get(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		kb, err := b.Get(t.Context())
		if err != nil || kb != ka || ka.PublicKey == "" || ka.PrivateKey == "" {
			t.Errorf("two processes' keys: %+v and %+v (%v), want one pair", ka, kb, err)
		}
	})
}

func TestSubscriptionValidation(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		good := webpush.Subscription{Endpoint: r.push.URL, P256dh: r.push.P256dh, Auth: r.push.Auth}
		cases := map[string]func(s *webpush.Subscription){
			"not a URL":          func(s *webpush.Subscription) { s.Endpoint = "not a url" },
			"not http":           func(s *webpush.Subscription) { s.Endpoint = "ftp://push.example/x" },
			"a key not on P-256": func(s *webpush.Subscription) { s.P256dh = "AAAA" },
			"a short secret":     func(s *webpush.Subscription) { s.Auth = "AAAA" },
			"an unknown policy":  func(s *webpush.Subscription) { s.Policy = "SOMETIMES" },
		}
		for name, spoil := range cases {
			s := good
			spoil(&s)
			if _, err := webpush.Subscribe(r.ctx, db.Client, r.tokenID, "t", s); !apperr.Is(err, apperr.BadInput) {
				t.Errorf("%s: %v, want BadInput", name, err)
			}
		}
		if _, err := webpush.Subscribe(r.ctx, db.Client, r.tokenID, "t", good); err != nil {
			t.Fatal(err)
		}
		// Subscribing again replaces the subscription.
		again, err := webpush.Subscribe(r.ctx, db.Client, r.tokenID, "t", good)
		if err != nil {
			t.Fatal(err)
		}
		if n := testrig.Count(t, db.WebPushSubscription.Query()); n != 1 {
			t.Errorf("%d subscriptions after subscribing twice, want 1", n)
		}
		if err := webpush.Unsubscribe(r.ctx, db.Client, r.tokenID); err != nil {
			t.Fatal(err)
		}
		if err := webpush.Unsubscribe(r.ctx, db.Client, r.tokenID); err != nil {
			t.Errorf("unsubscribing twice: %v", err)
		}
		if _, err := webpush.Get(r.ctx, db.Client, r.tokenID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("after unsubscribing: %v (%v)", err, again.ID)
		}
	})
}
