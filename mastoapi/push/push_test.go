package push_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/graph/webpush"
	"github.com/fedigraph/fedigraph/graph/webpush/webpushtest"
	"github.com/fedigraph/fedigraph/mastoapi"
	"github.com/fedigraph/fedigraph/mastoapi/mastotest"
	"github.com/fedigraph/fedigraph/mastoapi/push"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// newServer is the Mastodon API with pushes wired as the server wires them: queued in
// each notification's transaction and worked by a real queue.
func newServer(t *testing.T, db *store.DB) *mastotest.Server {
	ctx := t.Context()
	workers := river.NewWorkers()
	deliverer := &webpush.Deliverer{DB: db.Client, Keys: &webpush.Keys{DB: db.Client}, Client: http.DefaultClient, Subscriber: "https://" + testrig.TestHost}
	river.AddWorker(workers, deliverer)
	q, err := jobs.New(ctx, db, jobs.Config{Workers: workers, Concurrency: map[string]int{jobs.Default: 2}, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	h := hub.New()
	res := graph.NewResolver(graph.Deps{
		DB: db, Hub: h, Events: webpush.Events{Publisher: h, Queue: q},
		Settings: graph.Settings{URIs: uris.Builder{Protocol: "https", Host: testrig.TestHost}, MaxStatusChars: mastotest.MaxStatusChars, PollMaxOptions: 4, PollOptionMaxChars: 50, MaxMediaFiles: 4},
	})
	deliverer.Payload = push.Payload(mastoapi.NewRenderer(res))
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
	r := chi.NewRouter()
	r.Use((&auth.Authenticator{DB: db.Client}).Middleware)
	mastoapi.New(mastoapi.Deps{DB: db, Resolver: res}).Mount(r)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return &mastotest.Server{T: t, DB: db, Resolver: res, URL: srv.URL}
}

type subscriptionJSON struct {
	ID        string          `json:"id"`
	Endpoint  string          `json:"endpoint"`
	Standard  bool            `json:"standard"`
	Alerts    map[string]bool `json:"alerts"`
	Policy    string          `json:"policy"`
	ServerKey string          `json:"server_key"`
}

func TestPushSubscriptionAndDelivery(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice, carol := s.User("alice"), s.User("carol")
		token := s.Token(alice.Account, "read write push")
		endpoint := webpushtest.New(t)

		s.Get("/api/v1/push/subscription", token).ErrorIs(http.StatusNotFound, "Record not found")
		var sub subscriptionJSON
		s.Post("/api/v1/push/subscription", token, mastotest.Form{
			"subscription[endpoint]":      {endpoint.URL},
			"subscription[keys][p256dh]":  {endpoint.P256dh},
			"subscription[keys][auth]":    {endpoint.Auth},
			"data[alerts][mention]":       {"true"},
			"data[alerts][follow]":        {"false"},
			"data[alerts][admin.sign_up]": {"true"},
			"data[policy]":                {"all"},
		}).OK(&sub)
		var instance struct {
			Configuration struct {
				Vapid struct {
					PublicKey string `json:"public_key"`
				} `json:"vapid"`
			} `json:"configuration"`
		}
		s.Get("/api/v2/instance", "").OK(&instance)
		if sub.Endpoint != endpoint.URL || !sub.Standard || sub.Policy != "all" || !sub.Alerts["mention"] || sub.Alerts["follow"] ||
			!sub.Alerts["admin.sign_up"] || sub.Alerts["favourite"] || len(sub.Alerts) != 10 || sub.ServerKey != instance.Configuration.Vapid.PublicKey {
			t.Fatalf("subscription %+v (instance key %q)", sub, instance.Configuration.Vapid.PublicKey)
		}
		var got subscriptionJSON
		s.Get("/api/v1/push/subscription", token).OK(&got)
		if got.ID != sub.ID {
			t.Errorf("GET %+v, want %+v", got, sub)
		}
		// Another token of alice's has no subscription.
		s.Get("/api/v1/push/subscription", alice.Token+"x").ErrorIs(http.StatusUnauthorized, mastotest.InvalidToken)
		s.Get("/api/v1/push/subscription", s.Token(alice.Account, "push")).ErrorIs(http.StatusNotFound, "Record not found")

		// A mention is pushed, encrypted for the subscriber, with what Mastodon puts in it.
		st := s.Status(carol, "@alice lunch at noon?")
		p, ok := endpoint.Next(10 * time.Second)
		if !ok || p.Err != nil {
			t.Fatalf("no readable push: %v, %v", ok, p.Err)
		}
		var payload map[string]any
		if err := json.Unmarshal(p.Payload, &payload); err != nil {
			t.Fatalf("payload %q: %v", p.Payload, err)
		}
		var ns []struct {
			ID     string `json:"id"`
			Status struct{ ID string }
		}
		s.Get("/api/v1/notifications", alice.Token).OK(&ns)
		if len(ns) != 1 || ns[0].Status.ID != st {
			t.Fatalf("notifications %+v", ns)
		}
		want := map[string]any{
			"access_token": token, "preferred_locale": "en", "notification_id": ns[0].ID,
			"notification_type": "mention", "title": "You were mentioned by carol", "body": "@alice lunch at noon?",
			"icon": "https://" + testrig.TestHost + "/assets/default_avatar.png",
		}
		for k, v := range want {
			if payload[k] != v {
				t.Errorf("payload %s = %v, want %v", k, payload[k], v)
			}
		}
		if len(payload) != len(want) {
			t.Errorf("payload has %d keys, want %d: %v", len(payload), len(want), payload)
		}

		// Changing the alerts: only those named change.
		s.Put("/api/v1/push/subscription", token, mastotest.Form{"data[alerts][favourite]": {"true"}, "data[policy]": {"followed"}}).OK(&got)
		if !got.Alerts["mention"] || !got.Alerts["favourite"] || got.Policy != "followed" {
			t.Errorf("after PUT: %+v", got)
		}
		s.Put("/api/v1/push/subscription", token, mastotest.Form{"data[policy]": {"sometimes"}}).ErrorIs(http.StatusUnprocessableEntity, `Validation failed: Policy "sometimes" is not one of all, followed, follower, none`)
		// Bad subscriptions are refused.
		s.Post("/api/v1/push/subscription", token, mastotest.Form{"subscription[endpoint]": {"nope"}}).ErrorIs(http.StatusUnprocessableEntity, "Validation failed: Endpoint is not a valid URL")

		var empty map[string]any
		s.Delete("/api/v1/push/subscription", token, nil).OK(&empty)
		s.Get("/api/v1/push/subscription", token).ErrorIs(http.StatusNotFound, "Record not found")
		s.Delete("/api/v1/push/subscription", token, nil).OK(&empty)

		s.CheckAccess(alice, []mastotest.Route{
			{Method: "GET", Path: "/api/v1/push/subscription", Scope: "push", Lacking: "read write follow"},
			{Method: "POST", Path: "/api/v1/push/subscription", Scope: "push", Lacking: "read write follow"},
			{Method: "PUT", Path: "/api/v1/push/subscription", Scope: "push", Lacking: "read write follow"},
			{Method: "DELETE", Path: "/api/v1/push/subscription", Scope: "push", Lacking: "read write follow"},
		})
	})
}
