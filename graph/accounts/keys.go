package accounts

import (
	"fmt"

	"github.com/fedigraph/fedigraph/federation/httpsig"
)

// keyPair is an account's signing key pair as stored: PEM, the public key in the PKIX
// ("PUBLIC KEY") form ActivityPub actors publish in publicKeyPem. The HTTP signature
// package makes and reads them, so that what is stored is what signs.
type keyPair struct {
	privatePEM, publicPEM string
}

func newKeyPair() (keyPair, error) {
	key, err := httpsig.GenerateKey()
	if err != nil {
		return keyPair{}, fmt.Errorf("generate signing key: %w", err)
	}
	public, err := httpsig.EncodePublicKeyPEM(&key.PublicKey)
	if err != nil {
		return keyPair{}, fmt.Errorf("encode public key: %w", err)
	}
	return keyPair{privatePEM: httpsig.EncodePrivateKeyPEM(key), publicPEM: public}, nil
}
