package accounts

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// keyBits is the RSA key size Mastodon and GoToSocial use for actor keys; other
// servers expect it when they verify our HTTP signatures.
const keyBits = 2048

// keyPair is an account's signing key pair as stored: the private key as PKCS #8
// ("PRIVATE KEY") and the public key as PKIX ("PUBLIC KEY"), the form ActivityPub actors
// publish in publicKeyPem.
type keyPair struct {
	privatePEM, publicPEM string
}

func newKeyPair() (keyPair, error) {
	key, err := rsa.GenerateKey(rand.Reader, keyBits)
	if err != nil {
		return keyPair{}, fmt.Errorf("generate RSA key: %w", err)
	}
	private, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return keyPair{}, fmt.Errorf("encode private key: %w", err)
	}
	public, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return keyPair{}, fmt.Errorf("encode public key: %w", err)
	}
	return keyPair{
		privatePEM: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: private})),
		publicPEM:  string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: public})),
	}, nil
}

// ParsePrivateKey decodes a local account's private_key column, for signing.
func ParsePrivateKey(privatePEM string) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode([]byte(privatePEM))
	if block == nil {
		return nil, errors.New("parse private key: no PEM block")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parse private key: %w", err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("parse private key: %T is not an RSA key", key)
	}
	return rsaKey, nil
}

// ParsePublicKey decodes a local account's public_key column.
func ParsePublicKey(publicPEM string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(publicPEM))
	if block == nil {
		return nil, errors.New("parse public key: no PEM block")
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parse public key: %w", err)
	}
	rsaKey, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("parse public key: %T is not an RSA key", key)
	}
	return rsaKey, nil
}
