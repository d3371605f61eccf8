// Package enums reads the enumerated values Mastodon clients send — a visibility
// ("public", "private"…) and a content type ("text/markdown") — into fedigraph's
// enums. Mastodon's "private" is fedigraph's FOLLOWERS_ONLY; "mutuals_only" and the
// content types are GoToSocial's extensions, which fedigraph shares.
package enums

import (
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/text"
)

var visibilities = map[string]status.Visibility{
	"public":       status.VisibilityPUBLIC,
	"unlisted":     status.VisibilityUNLISTED,
	"private":      status.VisibilityFOLLOWERS_ONLY,
	"mutuals_only": status.VisibilityMUTUALS_ONLY,
	"direct":       status.VisibilityDIRECT,
}

// Visibility returns the visibility named by a Mastodon client; "" gives "", which
// the domain reads as "the author's default". An unknown name is a validation failure.
func Visibility(name string) (status.Visibility, error) {
	if name == "" {
		return "", nil
	}
	v, ok := visibilities[name]
	if !ok {
		return "", apperr.BadInputf("Validation failed: visibility %q is not one of public, unlisted, private, mutuals_only or direct", name)
	}
	return v, nil
}

// TextType returns the format a status's text is written in; "" gives "", the
// author's default.
func TextType(mime string) (text.ContentType, error) {
	if mime == "" {
		return "", nil
	}
	ct, err := text.ParseContentType(mime)
	if err != nil {
		return "", apperr.BadInputf("Validation failed: %v", err)
	}
	return ct, nil
}

// ContentType is TextType as the user's default content type is stored.
func ContentType(mime string) (status.ContentType, error) {
	ct, err := TextType(mime)
	switch {
	case err != nil || ct == "":
		return "", err
	case ct == text.Markdown:
		return status.ContentTypeMARKDOWN, nil
	}
	return status.ContentTypePLAIN, nil
}
