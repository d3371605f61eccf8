package auth_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/graph/auth"
)

func TestDigestIsHexSHA256(t *testing.T) {
	const want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := auth.Digest("abc"); got != want {
		t.Errorf("Digest(abc) = %s, want %s", got, want)
	}
}

func TestNewSecret(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		secret, digest := auth.NewSecret()
		if len(secret) != 43 { // 32 bytes in unpadded base64url
			t.Fatalf("secret %q has length %d, want 43", secret, len(secret))
		}
		if digest != auth.Digest(secret) {
			t.Fatalf("digest %s is not Digest(secret)", digest)
		}
		if seen[secret] {
			t.Fatalf("secret %q repeated", secret)
		}
		seen[secret] = true
	}
}

func TestPasswordHashing(t *testing.T) {
	hash, err := auth.HashPassword("hunter2")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := auth.HashPassword("hunter2")
	if hash == again {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, tt := range []struct {
		password string
		want     bool
	}{{"hunter2", true}, {"hunter3", false}, {"", false}} {
		ok, err := auth.CheckPassword(hash, tt.password)
		if err != nil || ok != tt.want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", tt.password, ok, err, tt.want)
		}
	}
	if _, err := auth.CheckPassword("not a hash", "hunter2"); err == nil {
		t.Error("CheckPassword accepted a malformed hash")
	}
}
