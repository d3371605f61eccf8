package auth

import (
	"fmt"

	"github.com/alexedwards/argon2id"
)

// passwordParams are argon2id settings for a small server: OWASP's recommended
// minimum (19 MiB, 2 passes, 1 lane) keeps a sign-in near 30 ms on one core and lets a
// 2-core box take a burst of sign-ins without running out of memory. Stored hashes carry
// their own parameters, so raising these later does not break existing passwords.
var passwordParams = &argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// HashPassword returns an argon2id hash of password in PHC string format.
func HashPassword(password string) (string, error) {
	hash, err := argon2id.CreateHash(password, passwordParams)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return hash, nil
}

// CheckPassword reports whether password matches hash. The error is for a hash that
// cannot be read, not for a wrong password.
func CheckPassword(hash, password string) (bool, error) {
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		return false, fmt.Errorf("check password: %w", err)
	}
	return ok, nil
}
