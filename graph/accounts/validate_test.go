package accounts_test

import (
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/graph/accounts"
)

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		what  string
		check func(string) error
		value string
		ok    bool
	}{
		{"username", accounts.ValidateUsername, "alice_99", true},
		{"username", accounts.ValidateUsername, strings.Repeat("a", 64), true},
		{"username", accounts.ValidateUsername, strings.Repeat("a", 65), false},
		{"username", accounts.ValidateUsername, "", false},
		{"username", accounts.ValidateUsername, "Alice", false},
		{"username", accounts.ValidateUsername, "al.ice", false},
		{"username", accounts.ValidateUsername, "al-ice", false},
		{"username", accounts.ValidateUsername, "alice@example.org", false},
		{"username", accounts.ValidateUsername, "ålice", false},
		{"email", accounts.ValidateEmail, "you@example.org", true},
		{"email", accounts.ValidateEmail, "admin@localhost", true},
		{"email", accounts.ValidateEmail, "first.last+tag@mail.example.co.uk", true},
		{"email", accounts.ValidateEmail, "", false},
		{"email", accounts.ValidateEmail, "you", false},
		{"email", accounts.ValidateEmail, "you@example", false},
		{"email", accounts.ValidateEmail, "You <you@example.org>", false},
		{"email", accounts.ValidateEmail, "you@@example.org", false},
		{"password", accounts.ValidatePassword, "12345678", true},
		{"password", accounts.ValidatePassword, "pässwörd", true},
		{"password", accounts.ValidatePassword, "1234567", false},
		{"password", accounts.ValidatePassword, "        ", false},
		{"password", accounts.ValidatePassword, strings.Repeat("x", 257), false},
	} {
		err := tc.check(tc.value)
		if (err == nil) != tc.ok {
			t.Errorf("%s %q: err = %v, want ok=%v", tc.what, tc.value, err, tc.ok)
		}
	}
}
