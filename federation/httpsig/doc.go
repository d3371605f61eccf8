// Package httpsig signs and verifies ActivityPub HTTP requests with
// draft-cavage HTTP signatures, the way Mastodon and GoToSocial send and
// expect them. The cryptography and the signing string come from
// github.com/go-fed/httpsig; this package adds what that library leaves to
// its callers: the Host header it needs for signing, the Digest check
// against the body, the Date window, the rules about which headers must be
// signed, key rotation, and errors that an inbox can map to HTTP statuses.
//
// What fedigraph sends (Signer):
//
//	Signature: keyId="…",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="…"
//	Digest: SHA-256=<base64 of the body's SHA-256>     (requests with a body)
//
// GETs sign "(request-target) host date". That is GoToSocial's header set and
// Mastodon's minus content-type; the algorithm label is Mastodon's
// (go-fed writes "hs2019", which this package rewrites: the bytes signed are
// RSA-SHA256 either way and every implementation accepts both labels).
// The request target is the path as sent on the wire (percent-escapes kept)
// plus the query string.
//
// What fedigraph accepts (Verifier):
//
//   - the Signature header, or "Authorization: Signature …";
//   - algorithm rsa-sha256, rsa-sha512, ed25519, hs2019 or none: with hs2019
//     (or none) an RSA key is tried with SHA-256 then SHA-512, an Ed25519
//     key with Ed25519;
//   - signed headers must include (request-target), host and date (or
//     (created)); requests with a body (or POST/PUT/PATCH) must sign digest,
//     and the Digest header must match the body (SHA-256 or SHA-512);
//   - the time window is Mastodon's: a signature is valid for 5 minutes
//     after its Date/(created) (or until its expires parameter, capped at
//     12 hours), with 1 hour of clock skew tolerated either way;
//   - when a signature does not verify with the key the resolver returned,
//     the resolver is asked once more with refresh=true (key rotation);
//   - for GETs, a signature over the path without its query string is also
//     accepted (Mastodon and older GoToSocial sign GETs that way), and so is
//     one over the percent-decoded path (go-fed based signers sign that).
package httpsig
