package oauth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/authorizationcode"
	"github.com/fedigraph/fedigraph/ent/token"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// tokenJSON is the token response Mastodon apps expect.
type tokenJSON struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	Scope       string `json:"scope"`
	CreatedAt   int64  `json:"created_at"`
	ExpiresIn   int64  `json:"expires_in,omitempty"`
}

// issueToken is the token endpoint: POST /oauth/token.
func (s *Server) issueToken(w http.ResponseWriter, r *http.Request) {
	params, err := readParams(w, r)
	if err != nil {
		writeOAuthError(w, invalidRequest(err.Error()))
		return
	}
	grantType := params.Get("grant_type")
	if grantType == "" {
		writeOAuthError(w, invalidRequest("The grant_type parameter is missing."))
		return
	}
	app, oerr := s.authenticateClient(r.Context(), r, params)
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	var tok *tokenJSON
	switch grantType {
	case "authorization_code":
		tok, oerr = s.exchangeCode(r.Context(), app, params)
	case "client_credentials":
		tok, oerr = s.appToken(r.Context(), app, params)
	default:
		// The password grant is left out on purpose: it teaches apps to ask for
		// passwords, and Mastodon has deprecated it.
		oerr = unsupportedGrantType()
	}
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, tok)
}

// exchangeCode redeems an authorization code for a token. Every check happens before
// anything is written, so a failed exchange leaves the code as it was; a code that was
// already used is answered by revoking the token it gave (RFC 6749 §4.1.2), since
// someone else holds the code.
func (s *Server) exchangeCode(ctx context.Context, app *ent.Application, params url.Values) (*tokenJSON, *oauthError) {
	secret := params.Get("code")
	if secret == "" {
		return nil, invalidRequest("The code parameter is missing.")
	}
	code, err := s.db.AuthorizationCode.Query().Where(authorizationcode.Digest(auth.Digest(secret))).Only(ctx)
	if ent.IsNotFound(err) || (err == nil && code.ApplicationID != app.ID) {
		return nil, invalidGrant("The authorization code is invalid.")
	}
	if err != nil {
		s.opts.Logger.ErrorContext(ctx, "look up code", "err", err)
		return nil, serverError()
	}
	now := s.opts.Now()
	switch {
	case code.UsedAt != nil:
		s.revokeTokenFromCode(ctx, code.ID, now)
		return nil, invalidGrant("The authorization code has already been used.")
	case !now.Before(code.ExpiresAt):
		return nil, invalidGrant("The authorization code has expired.")
	case params.Get("redirect_uri") != code.RedirectURI:
		return nil, invalidGrant("The redirect_uri does not match the one the code was issued for.")
	}
	if oerr := checkPKCE(code, params.Get("code_verifier")); oerr != nil {
		return nil, oerr
	}
	tok, secret, err := s.redeem(ctx, code, now)
	if errors.Is(err, errCodeRaced) {
		return nil, invalidGrant("The authorization code has already been used.")
	}
	if err != nil {
		s.opts.Logger.ErrorContext(ctx, "redeem code", "err", err)
		return nil, serverError()
	}
	return s.tokenResponse(tok, secret), nil
}

// errCodeRaced is returned by redeem when another request used the code first.
var errCodeRaced = errors.New("authorization code used concurrently")

// redeem marks the code used and creates its token in one transaction. The token takes
// the code's ID, which is how a replayed code finds the token to revoke without a
// column linking the two.
func (s *Server) redeem(ctx context.Context, code *ent.AuthorizationCode, now time.Time) (*ent.Token, string, error) {
	tx, err := s.db.Tx(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // a no-op after Commit
	// The conditional update makes "single use" hold across concurrent requests and
	// processes: only one of them sees the code unused.
	n, err := tx.AuthorizationCode.Update().
		Where(authorizationcode.ID(code.ID), authorizationcode.UsedAtIsNil()).
		SetUsedAt(now).Save(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("mark code used: %w", err)
	}
	if n == 0 {
		return nil, "", errCodeRaced
	}
	secret, digest := auth.NewSecret()
	create := tx.Token.Create().
		SetID(code.ID).
		SetDigest(digest).
		SetApplicationID(code.ApplicationID).
		SetUserID(code.UserID).
		SetScopes(code.Scopes).
		SetCreatedAt(now)
	if s.opts.TokenLifetime > 0 {
		create.SetExpiresAt(now.Add(s.opts.TokenLifetime))
	}
	tok, err := create.Save(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("create token: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, "", fmt.Errorf("commit: %w", err)
	}
	return tok, secret, nil
}

// revokeTokenFromCode revokes the token a replayed code gave. Failing to is logged, not
// answered: the request fails anyway.
func (s *Server) revokeTokenFromCode(ctx context.Context, codeID string, now time.Time) {
	s.opts.Logger.WarnContext(ctx, "authorization code replayed; revoking its token", "code", codeID)
	err := s.db.Token.UpdateOneID(codeID).Where(token.RevokedAtIsNil()).SetRevokedAt(now).Exec(ctx)
	if err != nil && !ent.IsNotFound(err) {
		s.opts.Logger.ErrorContext(ctx, "revoke token of replayed code", "code", codeID, "err", err)
	}
}

func (s *Server) tokenResponse(tok *ent.Token, secret string) *tokenJSON {
	out := &tokenJSON{AccessToken: secret, TokenType: "Bearer", Scope: tok.Scopes, CreatedAt: tok.CreatedAt.Unix()}
	if tok.ExpiresAt != nil {
		out.ExpiresIn = int64(tok.ExpiresAt.Sub(tok.CreatedAt).Seconds())
	}
	return out
}
