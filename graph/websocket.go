package graph

import (
	"context"
	"errors"
	"strings"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// closeForbidden is the graphql-transport-ws close code for refused credentials.
const closeForbidden = 4403

// websocketInit authenticates a websocket from its connection_init payload. Browsers
// cannot set headers on websockets, so the token travels in the payload
// ({"Authorization": "Bearer …"} or {"token": "…"}); a session cookie sent with the
// upgrade request is honoured too. A token that does not work closes the socket with
// 4403 rather than quietly subscribing as nobody.
func websocketInit(a *auth.Authenticator) transport.WebsocketInitFunc {
	return func(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		token := strings.TrimSpace(p.Authorization())
		if token == "" {
			token = firstString(p, "token", "accessToken", "access_token")
		}
		if t, ok := strings.CutPrefix(token, "Bearer "); ok {
			token = strings.TrimSpace(t)
		}
		if token == "" {
			if err := auth.FailureFromContext(ctx); err != nil {
				return transport.WithWebsocketCloseCode(ctx, closeForbidden), nil, err
			}
			return ctx, nil, nil // anonymous, or signed in by the cookie on the upgrade request
		}
		if a == nil {
			return transport.WithWebsocketCloseCode(ctx, closeForbidden), nil, errors.New("tokens are not accepted here")
		}
		v, err := a.FromBearer(ctx, token)
		if err != nil {
			return transport.WithWebsocketCloseCode(ctx, closeForbidden), nil, auth.ErrInvalidToken
		}
		return auth.NewContext(auth.WithFailure(ctx, nil), v), nil, nil
	}
}

func firstString(p transport.InitPayload, keys ...string) string {
	for _, k := range keys {
		if s := p.GetString(k); s != "" {
			return s
		}
	}
	return ""
}
