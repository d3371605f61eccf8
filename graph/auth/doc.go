// Package auth decides who is making a request. It turns a bearer token or a session
// cookie into a Viewer in the request context, checks passwords, and mints the random
// secrets behind tokens, authorization codes and sessions.
//
// Secrets are never stored: the database keeps only their SHA-256 digest (see Digest), so
// a leaked database or backup does not hand out working credentials. A digest of a
// 256-bit random secret needs no salt or slow hash, unlike a password.
//
// Every surface (GraphQL, Mastodon REST, streaming) runs behind Authenticator.Middleware
// and reads the Viewer with FromContext. A request whose credentials do not work goes on
// anonymously, and FailureFromContext tells the surface to answer in its own format
// (GraphQL UNAUTHENTICATED, Mastodon 401) rather than this package writing a response.
package auth
