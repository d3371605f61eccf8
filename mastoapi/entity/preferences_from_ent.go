package entity

import "github.com/fedigraph/fedigraph/ent"

// Preferences renders the posting defaults stored on the user.
func (r *Renderer) Preferences(u *ent.User) *Preferences {
	return &Preferences{
		PostingDefaultVisibility: VisibilityName(string(u.DefaultVisibility)),
		PostingDefaultSensitive:  u.DefaultSensitive,
		PostingDefaultLanguage:   nullable(u.DefaultLanguage),
		ReadingExpandMedia:       "default",
	}
}
