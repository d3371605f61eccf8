package httpsig

import (
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
)

// maxDigestEntries bounds the "alg=value, alg=value" list a Digest header
// may carry.
const maxDigestEntries = 8

// checkDigest verifies the RFC 3230 Digest header against body. Every
// SHA-256 or SHA-512 entry must match and at least one must be present;
// other algorithms are ignored.
func checkDigest(h http.Header, body []byte) error {
	vals := h.Values("Digest")
	if len(vals) == 0 {
		return fmt.Errorf("%w: no Digest header", ErrBadDigest)
	}
	entries := strings.Split(strings.Join(vals, ","), ",")
	if len(entries) > maxDigestEntries {
		return fmt.Errorf("%w: %d Digest entries", ErrBadDigest, len(entries))
	}
	checked := 0
	for _, e := range entries {
		alg, val, ok := strings.Cut(strings.TrimSpace(e), "=")
		if !ok {
			return fmt.Errorf("%w: malformed Digest entry", ErrBadDigest)
		}
		var sum []byte
		switch strings.ToLower(alg) {
		case "sha-256":
			s := sha256.Sum256(body)
			sum = s[:]
		case "sha-512":
			s := sha512.Sum512(body)
			sum = s[:]
		default:
			continue
		}
		got, err := base64.StdEncoding.DecodeString(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("%w: %s digest is not base64", ErrBadDigest, alg)
		}
		if subtle.ConstantTimeCompare(got, sum) != 1 {
			return fmt.Errorf("%w: %s digest does not match the body", ErrBadDigest, alg)
		}
		checked++
	}
	if checked == 0 {
		return fmt.Errorf("%w: no SHA-256 or SHA-512 entry in Digest", ErrBadDigest)
	}
	return nil
}
