package httpsig

import "errors"

// Sentinel errors returned (wrapped, with detail) by Verifier.Verify. Use
// errors.Is. All of them mean "not authenticated"; an inbox answers 401 for
// each, except ErrMalformed, which may be 400.
var (
	// ErrUnsigned: the request carries no signature at all.
	ErrUnsigned = errors.New("httpsig: request is not signed")
	// ErrMalformed: the signature header cannot be parsed, is too long, or
	// does not sign the headers fedigraph requires.
	ErrMalformed = errors.New("httpsig: malformed signature")
	// ErrBadDigest: a request with a body has no signed Digest header, or
	// the Digest does not match the body.
	ErrBadDigest = errors.New("httpsig: body digest missing or wrong")
	// ErrDateSkew: the signed date is missing, unparsable, too old or too
	// far in the future.
	ErrDateSkew = errors.New("httpsig: signature date outside the accepted window")
	// ErrBadSignature: the signature does not verify with the signer's key.
	ErrBadSignature = errors.New("httpsig: signature does not verify")
	// ErrKeyUnavailable: the key named by keyId could not be obtained or
	// used. The resolver's own error is wrapped too, so errors.As can
	// reach it (for example a remote 410 Gone).
	ErrKeyUnavailable = errors.New("httpsig: signing key unavailable")
	// ErrUnsupportedAlgorithm: the algorithm parameter or the key type is
	// one fedigraph does not verify.
	ErrUnsupportedAlgorithm = errors.New("httpsig: unsupported signature algorithm")
)
