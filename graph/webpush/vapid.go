// Package webpush sends notifications to browsers and apps through their push
// services (Web Push, RFC 8030), encrypted for the subscriber (RFC 8291) and signed
// with the instance's VAPID key (RFC 8292), as Mastodon does. It keeps the VAPID key
// pair, each access token's subscription (endpoint, keys, which notifications and from
// whom), and, for every new notification, a durable delivery job per subscription
// that wants it, inserted in the notification's own transaction.
//
// The Mastodon API serves the subscriptions (mastoapi/push) and renders the payload;
// this package decides what is sent to whom, and sends it.
package webpush

import (
	"context"
	"errors"
	"fmt"
	"sync"

	webpushlib "github.com/SherClockHolmes/webpush-go"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/instancesetting"
)

// Setting keys under which the VAPID key pair is stored (base64url, as Mastodon shows
// the public key to apps).
const (
	publicKeySetting  = "webpush.vapid_public_key"
	privateKeySetting = "webpush.vapid_private_key"
)

// VAPID is the instance's key pair for signing pushes, base64url-encoded.
type VAPID struct {
	PublicKey, PrivateKey string
}

// Keys reads the instance's VAPID key pair, generating and storing it the first time.
// Every process sharing the database ends up with the same pair: two generating at
// once race on the settings' unique key, and the loser reads the winner's.
type Keys struct {
	DB *ent.Client

	mu     sync.Mutex
	cached *VAPID
}

// Get returns the key pair.
func (k *Keys) Get(ctx context.Context) (VAPID, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cached != nil {
		return *k.cached, nil
	}
	v, err := load(ctx, k.DB)
	if err == nil && v == nil {
		v, err = generate(ctx, k.DB)
	}
	if err != nil {
		return VAPID{}, err
	}
	k.cached = v
	return *v, nil
}

// PublicKey is the public half, for apps (instance configuration, applications,
// subscriptions).
func (k *Keys) PublicKey(ctx context.Context) (string, error) {
	v, err := k.Get(ctx)
	return v.PublicKey, err
}

func load(ctx context.Context, c *ent.Client) (*VAPID, error) {
	rows, err := c.InstanceSetting.Query().
		Where(instancesetting.KeyIn(publicKeySetting, privateKeySetting)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load VAPID keys: %w", err)
	}
	var v VAPID
	for _, r := range rows {
		switch r.Key {
		case publicKeySetting:
			v.PublicKey = r.Value
		case privateKeySetting:
			v.PrivateKey = r.Value
		}
	}
	if v.PublicKey == "" || v.PrivateKey == "" {
		return nil, nil
	}
	return &v, nil
}

func generate(ctx context.Context, c *ent.Client) (*VAPID, error) {
	private, public, err := webpushlib.GenerateVAPIDKeys()
	if err != nil {
		return nil, fmt.Errorf("generate VAPID keys: %w", err)
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("store VAPID keys: %w", err)
	}
	err = tx.InstanceSetting.Create().SetKey(privateKeySetting).SetValue(private).Exec(ctx)
	if err == nil {
		err = tx.InstanceSetting.Create().SetKey(publicKeySetting).SetValue(public).Exec(ctx)
	}
	if err != nil {
		tx.Rollback()
		if ent.IsConstraintError(err) {
			// Another process stored its pair first; use that one.
			v, lerr := load(ctx, c)
			if lerr == nil && v == nil {
				lerr = errors.New("the other process's keys are incomplete")
			}
			if lerr != nil {
				return nil, fmt.Errorf("store VAPID keys: %w", lerr)
			}
			return v, nil
		}
		return nil, fmt.Errorf("store VAPID keys: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store VAPID keys: %w", err)
	}
	return &VAPID{PublicKey: public, PrivateKey: private}, nil
}
