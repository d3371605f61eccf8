package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewSecret returns a fresh credential (32 random bytes, base64url without padding) to
// hand to a client, and the digest to store in its place.
func NewSecret() (secret, digest string) {
	secret = randomSecret()
	return secret, Digest(secret)
}

func randomSecret() string {
	b := make([]byte, 32)
	// crypto/rand.Read never returns an error since Go 1.24: it crashes the program
	// instead when the system has no randomness, which is the only safe response.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Digest returns the hex SHA-256 of a secret: the form in which tokens, authorization
// codes and sessions are stored and looked up.
func Digest(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
