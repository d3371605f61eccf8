package httpsig

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// KeyBits is the size of the RSA keys fedigraph generates for its actors,
// the size Mastodon and GoToSocial use.
const KeyBits = 2048

// GenerateKey returns a new 2048-bit RSA key.
func GenerateKey() (*rsa.PrivateKey, error) {
	return rsa.GenerateKey(rand.Reader, KeyBits)
}

// EncodePrivateKeyPEM encodes key as PKCS#1 ("RSA PRIVATE KEY"), the form
// Mastodon stores.
func EncodePrivateKeyPEM(key *rsa.PrivateKey) string {
	return string(pem.EncodeToMemory(&pem.Block{
		Type:  "RSA PRIVATE KEY",
		Bytes: x509.MarshalPKCS1PrivateKey(key),
	}))
}

// EncodePublicKeyPEM encodes pub as PKIX ("PUBLIC KEY"), the form Mastodon
// publishes in an actor's publicKeyPem.
func EncodePublicKeyPEM(pub *rsa.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("httpsig: encode public key: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}

// ParsePrivateKeyPEM reads an RSA private key in PKCS#1 ("RSA PRIVATE KEY")
// or PKCS#8 ("PRIVATE KEY") form.
func ParsePrivateKeyPEM(s string) (*rsa.PrivateKey, error) {
	block, err := decodePEM(s)
	if err != nil {
		return nil, err
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("httpsig: parse private key: %w", err)
		}
		return key, nil
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("httpsig: parse private key: %w", err)
		}
		key, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("httpsig: private key is %T, not RSA", k)
		}
		return key, nil
	}
	return nil, fmt.Errorf("httpsig: unexpected PEM block %q for a private key", block.Type)
}

// ParsePublicKeyPEM reads a public key as remote actors publish it: PKIX
// ("PUBLIC KEY", RSA or Ed25519) or PKCS#1 ("RSA PUBLIC KEY"). It returns
// *rsa.PublicKey or ed25519.PublicKey.
func ParsePublicKeyPEM(s string) (crypto.PublicKey, error) {
	block, err := decodePEM(s)
	if err != nil {
		return nil, err
	}
	var pub crypto.PublicKey
	switch block.Type {
	case "PUBLIC KEY":
		pub, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		pub, err = x509.ParsePKCS1PublicKey(block.Bytes)
	default:
		return nil, fmt.Errorf("httpsig: unexpected PEM block %q for a public key", block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("httpsig: parse public key: %w", err)
	}
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits < minRSABits || bits > maxRSABits {
			return nil, fmt.Errorf("httpsig: %d-bit RSA public key", bits)
		}
		return k, nil
	case ed25519.PublicKey:
		return k, nil
	}
	return nil, fmt.Errorf("httpsig: unsupported public key type %T", pub)
}

// decodePEM returns the first PEM block of s. Some servers publish PEM with
// surrounding whitespace or "\r\n" line ends; both are fine.
func decodePEM(s string) (*pem.Block, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if block == nil {
		return nil, errors.New("httpsig: no PEM block found")
	}
	return block, nil
}
