package accounts

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/fedigraph/fedigraph/graph/apperr"
)

// Limits on what a person may choose. Usernames follow GoToSocial: lower-case letters,
// digits and underscores, so that @name@domain is the same however a client cases it
// and stays a valid path segment in every actor URI.
const (
	MaxUsernameLength = 64
	MinPasswordLength = 8
	// MaxPasswordLength bounds the work one sign-in attempt can cause the hasher.
	MaxPasswordLength = 256
	// maxEmailLength is the longest address RFC 5321 allows, and the column's size.
	maxEmailLength = 320
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9_]+$`)

// ValidateUsername says what is wrong with a username for a new local account, or nil.
func ValidateUsername(username string) error {
	switch {
	case username == "":
		return apperr.BadInputf("a username is required")
	case len(username) > MaxUsernameLength:
		return apperr.BadInputf("the username is longer than %d characters", MaxUsernameLength)
	case !usernamePattern.MatchString(username):
		return apperr.BadInputf("the username %q may contain only lower-case letters a-z, digits and underscores", username)
	}
	return nil
}

// ValidateEmail says what is wrong with an email address, or nil. It checks the shape
// only; whether the address works is what the confirmation email finds out.
func ValidateEmail(email string) error {
	if email == "" {
		return apperr.BadInputf("an email address is required")
	}
	addr, err := mail.ParseAddress(email)
	// ParseAddress also accepts "Name <a@b>"; only a bare address is an email here.
	if err != nil || addr.Address != email || len(email) > maxEmailLength {
		return apperr.BadInputf("%q is not an email address such as you@example.org", email)
	}
	_, domain, _ := strings.Cut(email, "@")
	if !strings.Contains(domain, ".") && domain != "localhost" {
		return apperr.BadInputf("%q is not an email address such as you@example.org", email)
	}
	return nil
}

// ValidatePassword says what is wrong with a new password, or nil.
func ValidatePassword(password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return apperr.BadInputf("the password must be at least %d characters long", MinPasswordLength)
	case n > MaxPasswordLength:
		return apperr.BadInputf("the password must be at most %d characters long", MaxPasswordLength)
	case strings.TrimSpace(password) == "":
		return apperr.BadInputf("the password cannot be only spaces")
	}
	return nil
}

// validateNew checks everything in a NewLocal, reporting the first problem.
func validateNew(in NewLocal) error {
	if err := ValidateUsername(in.Username); err != nil {
		return err
	}
	if err := ValidateEmail(in.Email); err != nil {
		return err
	}
	return ValidatePassword(in.Password)
}
