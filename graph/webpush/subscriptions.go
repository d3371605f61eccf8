package webpush

import (
	"context"
	"crypto/ecdh"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/webpushsubscription"
	"github.com/fedigraph/fedigraph/graph/apperr"
)

// Subscription is what an app asks to be pushed, and where.
type Subscription struct {
	Endpoint string
	// P256dh and Auth are the subscriber's public key (an uncompressed P-256 point)
	// and authentication secret (16 bytes), base64url as browsers give them.
	P256dh, Auth string
	// Alerts says which kinds of notification are pushed; kinds left out are not.
	Alerts map[notification.Type]bool
	// Policy says from whom: everyone, accounts the user follows, accounts following
	// the user, or nobody. Empty means ALL.
	Policy webpushsubscription.Policy
}

// Change is an update of a subscription's alerts and policy; nil leaves it as it is.
type Change struct {
	Alerts map[notification.Type]bool
	Policy *webpushsubscription.Policy
}

// maxEndpointLength bounds an endpoint URL; push services' are a few hundred bytes.
const maxEndpointLength = 2048

// Subscribe makes tokenID's subscription, replacing the one it had (an app
// re-subscribes whenever its push service hands it a new endpoint). accessToken is
// the token itself, which each push carries.
func Subscribe(ctx context.Context, c *ent.Client, tokenID, accessToken string, s Subscription) (*ent.WebPushSubscription, error) {
	if err := check(s); err != nil {
		return nil, err
	}
	policy := s.Policy
	if policy == "" {
		policy = webpushsubscription.PolicyALL
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("subscribe to pushes: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.WebPushSubscription.Delete().Where(webpushsubscription.TokenID(tokenID)).Exec(ctx); err != nil {
		return nil, fmt.Errorf("subscribe to pushes: replace the old subscription: %w", err)
	}
	sub, err := tx.WebPushSubscription.Create().
		SetTokenID(tokenID).SetAccessToken(accessToken).
		SetEndpoint(s.Endpoint).SetKeyP256dh(s.P256dh).SetKeyAuth(s.Auth).
		SetAlerts(alertsJSON(s.Alerts)).SetPolicy(policy).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, apperr.Wrap(apperr.Conflict, err, "another subscription was made with this token at the same time")
	}
	if err != nil {
		return nil, fmt.Errorf("subscribe to pushes: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("subscribe to pushes: %w", err)
	}
	return sub, nil
}

// Get returns tokenID's subscription.
func Get(ctx context.Context, c *ent.Client, tokenID string) (*ent.WebPushSubscription, error) {
	sub, err := c.WebPushSubscription.Query().Where(webpushsubscription.TokenID(tokenID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("no push subscription for this access token")
	}
	if err != nil {
		return nil, fmt.Errorf("load push subscription: %w", err)
	}
	return sub, nil
}

// Update changes tokenID's subscription's alerts and policy; the endpoint and keys
// change only by subscribing again.
func Update(ctx context.Context, c *ent.Client, tokenID string, ch Change) (*ent.WebPushSubscription, error) {
	sub, err := Get(ctx, c, tokenID)
	if err != nil {
		return nil, err
	}
	upd := sub.Update()
	if ch.Alerts != nil {
		upd.SetAlerts(alertsJSON(ch.Alerts))
	}
	if ch.Policy != nil {
		if err := webpushsubscription.PolicyValidator(*ch.Policy); err != nil {
			return nil, apperr.BadInputf("unknown policy %q", strings.ToLower(string(*ch.Policy)))
		}
		upd.SetPolicy(*ch.Policy)
	}
	sub, err = upd.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("update push subscription: %w", err)
	}
	return sub, nil
}

// Unsubscribe removes tokenID's subscription; having none is fine.
func Unsubscribe(ctx context.Context, c *ent.Client, tokenID string) error {
	if _, err := c.WebPushSubscription.Delete().Where(webpushsubscription.TokenID(tokenID)).Exec(ctx); err != nil {
		return fmt.Errorf("remove push subscription: %w", err)
	}
	return nil
}

// Alerts reads a subscription's alerts back by type.
func Alerts(sub *ent.WebPushSubscription) map[notification.Type]bool {
	out := map[notification.Type]bool{}
	for k, v := range sub.Alerts {
		out[notification.Type(k)] = v
	}
	return out
}

func alertsJSON(alerts map[notification.Type]bool) map[string]bool {
	out := map[string]bool{}
	for t, on := range alerts {
		out[string(t)] = on
	}
	return out
}

// check refuses what no push service would accept: an endpoint that is not an
// absolute http(s) URL, and keys that are not a P-256 public key and a 16-byte secret.
func check(s Subscription) error {
	u, err := url.Parse(s.Endpoint)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(s.Endpoint) > maxEndpointLength {
		return apperr.BadInputf("Validation failed: Endpoint is not a valid URL")
	}
	key, err := decodeKey(s.P256dh)
	if err == nil {
		_, err = ecdh.P256().NewPublicKey(key)
	}
	if err != nil {
		return apperr.BadInputf("Validation failed: Key p256dh is not a P-256 public key")
	}
	if secret, err := decodeKey(s.Auth); err != nil || len(secret) != 16 {
		return apperr.BadInputf("Validation failed: Key auth is not a 16-byte secret")
	}
	if s.Policy != "" {
		if err := webpushsubscription.PolicyValidator(s.Policy); err != nil {
			return apperr.BadInputf("unknown policy %q", strings.ToLower(string(s.Policy)))
		}
	}
	return nil
}

// decodeKey reads base64url with or without padding, and, as some clients send it,
// standard base64.
func decodeKey(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	if b, err := base64.RawURLEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawStdEncoding.DecodeString(s)
}
