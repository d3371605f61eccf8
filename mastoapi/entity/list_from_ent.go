package entity

import (
	"strings"

	"github.com/fedigraph/fedigraph/ent"
)

// List renders a list.
func (r *Renderer) List(l *ent.List) *List {
	return &List{
		ID:            l.ID,
		Title:         l.Title,
		RepliesPolicy: strings.ToLower(string(l.RepliesPolicy)),
		Exclusive:     l.Exclusive,
	}
}
