// Package push serves Mastodon's /api/v1/push/subscription: an access token's Web
// Push subscription, made, read, changed and removed, and renders what is pushed for
// each notification. graph/webpush keeps the subscriptions and sends the pushes.
package push

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/webpushsubscription"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/webpush"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the push subscription routes.
type Handlers struct {
	Resolver *graph.Resolver
	Keys     *webpush.Keys
}

// Mount adds the routes to r; each needs a user's token with the push scope, as on
// Mastodon.
func (h *Handlers) Mount(r chi.Router) {
	const p = "/api/v1/push/subscription"
	push := access.User("push")
	r.With(push, tokenOnly).Post(p, h.create)
	r.With(push, tokenOnly).Get(p, h.get)
	r.With(push, tokenOnly).Put(p, h.update)
	r.With(push, tokenOnly).Delete(p, h.remove)
}

// tokenOnly refuses a browser session: a subscription belongs to an access token.
func tokenOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if auth.FromContext(r.Context()).TokenID == "" {
			respond.Error(w, r, apperr.BadInputf("push subscriptions belong to access tokens: sign in with one"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// create serves POST /api/v1/push/subscription: subscription[endpoint],
// subscription[keys][p256dh], subscription[keys][auth], data[alerts][…], data[policy].
// It replaces the token's subscription, if it had one.
func (h *Handlers) create(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	s, k, d := v.Sub("subscription"), v.Sub("subscription").Sub("keys"), v.Sub("data")
	in := webpush.Subscription{Endpoint: s.Get("endpoint"), P256dh: k.Get("p256dh"), Auth: k.Get("auth"), Alerts: alerts(d)}
	if in.Policy, _, err = policyOf(v); err != nil {
		respond.Error(w, r, err)
		return
	}
	sub, err := webpush.Subscribe(ctx, h.Resolver.DB.Client, auth.FromContext(ctx).TokenID, bearer(r), in)
	h.reply(w, r, sub, err)
}

// get serves GET /api/v1/push/subscription.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sub, err := webpush.Get(ctx, h.Resolver.DB.Client, auth.FromContext(ctx).TokenID)
	h.reply(w, r, sub, err)
}

// update serves PUT /api/v1/push/subscription: data[alerts][…] and data[policy].
// Alerts not named keep their value, as on Mastodon.
func (h *Handlers) update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	c, tokenID := h.Resolver.DB.Client, auth.FromContext(ctx).TokenID
	sub, err := webpush.Get(ctx, c, tokenID)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d := v.Sub("data")
	ch := webpush.Change{}
	if named := alerts(d); len(named) > 0 {
		ch.Alerts = webpush.Alerts(sub)
		for t, on := range named {
			ch.Alerts[t] = on
		}
	}
	p, named, err := policyOf(v)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if named {
		ch.Policy = &p
	}
	sub, err = webpush.Update(ctx, c, tokenID, ch)
	h.reply(w, r, sub, err)
}

// remove serves DELETE /api/v1/push/subscription, answering an empty object whether
// or not there was one.
func (h *Handlers) remove(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := webpush.Unsubscribe(ctx, h.Resolver.DB.Client, auth.FromContext(ctx).TokenID); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, struct{}{})
}

func (h *Handlers) reply(w http.ResponseWriter, r *http.Request, sub *ent.WebPushSubscription, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	key, err := h.Keys.PublicKey(r.Context())
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, entity.NewWebPushSubscription(sub, key))
}

// alerts reads data[alerts][mention]=true…, by Mastodon's type names; unknown names
// are ignored.
func alerts(d params.Values) map[notification.Type]bool {
	a := d.Sub("alerts")
	out := map[notification.Type]bool{}
	for _, name := range entity.AlertNames {
		if on := a.Bool(name); on != nil {
			t, _ := entity.NotificationTypeFromName(name)
			out[t] = *on
		}
	}
	return out
}

// policyOf reads the policy from data[policy], or from a top-level policy, where
// masto.js sends it.
func policyOf(v params.Values) (webpushsubscription.Policy, bool, error) {
	name := v.Sub("data").Get("policy")
	if name == "" {
		name = v.Get("policy")
	}
	p, err := policyNamed(name)
	return p, name != "", err
}

// policyNamed reads all, followed, follower or none (all when empty).
func policyNamed(name string) (webpushsubscription.Policy, error) {
	if name == "" {
		return webpushsubscription.PolicyALL, nil
	}
	p := webpushsubscription.Policy(strings.ToUpper(name))
	if webpushsubscription.PolicyValidator(p) != nil {
		return "", apperr.BadInputf("Validation failed: Policy %q is not one of all, followed, follower, none", name)
	}
	return p, nil
}

// bearer is the request's access token, as the client sent it.
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(t)
	}
	if v, err := params.Read(r); err == nil {
		return v.Get("access_token")
	}
	return ""
}
