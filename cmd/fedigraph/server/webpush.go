package server

import (
	"github.com/fedigraph/fedigraph/cmd/fedigraph/config"
	"github.com/fedigraph/fedigraph/federation/transport"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/webpush"
)

// newPushDeliverer builds the worker that sends Web Push notifications. It posts
// through federation's guarded client: a push endpoint is whatever URL an app gave,
// so private addresses are refused as they are for remote servers.
func newPushDeliverer(cfg *config.Config, db *store.DB, client *transport.Client) *webpush.Deliverer {
	return &webpush.Deliverer{
		DB:         db.Client,
		Keys:       &webpush.Keys{DB: db.Client},
		Client:     client.HTTPClient(),
		Subscriber: cfg.BaseURL(),
	}
}
