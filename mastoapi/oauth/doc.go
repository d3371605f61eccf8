// Package oauth is fedigraph's OAuth 2 authorization server, shaped like Mastodon's so
// that every Mastodon app can sign in: app registration (/api/v1/apps), the
// authorization-code flow with PKCE through a server-rendered sign-in and consent page
// (/oauth/authorize, /auth/sign_in), the token endpoint with the authorization_code and
// client_credentials grants (/oauth/token), revocation (/oauth/revoke) and RFC 8414
// metadata (/.well-known/oauth-authorization-server).
//
// The handlers are written here on the standard library rather than on
// github.com/go-oauth2/oauth2/v4, which was considered first (GoToSocial builds on it).
// Its store interface would accept digest-only storage, but its flow fights the rest:
// HandleAuthorizeRequest runs the sign-in/consent hook before it has checked the
// client_id and redirect_uri, and on an unknown client or unregistered redirect_uri it
// redirects the error to that unchecked redirect_uri (an open redirect RFC 6749 §4.1.2.1
// forbids); the code exchange is three separate store calls with no transaction, so
// "single use" and "no token after a failed exchange" would rest on store tricks; it
// reads time.Now directly; and Mastodon's JSON bodies, created_at field, multiple
// redirect URIs and Basic-or-body client authentication all need overrides. What is left
// of the protocol once those are handled is a few small handlers, kept here.
//
// Secrets handed to clients (codes, tokens, session cookies) are stored only as
// digests (see auth.Digest). The authorize and consent pages are HTML; every other
// endpoint answers JSON, with RFC 6749 error bodies on the OAuth endpoints and Mastodon's
// {"error": "…"} on /api/v1/apps.
package oauth
