package push

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/token"
	"github.com/fedigraph/fedigraph/graph/webpush"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// Payload renders pushes as Mastodon does, for graph/webpush's Deliverer.
func Payload(r *entity.Renderer) webpush.Payload {
	return func(ctx context.Context, sub *ent.WebPushSubscription, n *ent.Notification) ([]byte, error) {
		locale := ""
		u, err := r.DB.Token.Query().Where(token.ID(sub.TokenID)).QueryUser().Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return nil, fmt.Errorf("render push: load user: %w", err)
		}
		if u != nil {
			locale = u.DefaultLanguage
		}
		p, err := r.PushPayload(ctx, sub.AccessToken, locale, n)
		if err != nil {
			return nil, err
		}
		return json.Marshal(p)
	}
}
