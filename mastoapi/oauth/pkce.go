package oauth

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"

	"github.com/fedigraph/fedigraph/ent"
)

// checkPKCE verifies the code_verifier against the code's S256 challenge (RFC 7636). A
// verifier sent for a code issued without a challenge is refused too, which stops an
// attacker from stripping PKCE out of a flow (RFC 9700 §2.1.1).
func checkPKCE(code *ent.AuthorizationCode, verifier string) *oauthError {
	if code.CodeChallenge == "" {
		if verifier != "" {
			return invalidGrant("A code_verifier was sent, but the code was issued without a code_challenge.")
		}
		return nil
	}
	if verifier == "" {
		return invalidGrant("The code_verifier is missing.")
	}
	sum := sha256.Sum256([]byte(verifier))
	computed := base64.RawURLEncoding.EncodeToString(sum[:])
	if subtle.ConstantTimeCompare([]byte(computed), []byte(code.CodeChallenge)) != 1 {
		return invalidGrant("The code_verifier does not match the code_challenge.")
	}
	return nil
}
