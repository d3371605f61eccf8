package entity

import (
	"context"
	"errors"

	"github.com/fedigraph/fedigraph/ent"
)

// StatusSource renders a status's text as its author typed it.
func (r *Renderer) StatusSource(st *ent.Status) *StatusSource {
	return &StatusSource{ID: st.ID, Text: st.Text, SpoilerText: st.SpoilerText}
}

// StatusHistory renders every revision of a status, oldest first, ending with the
// current one, as GET /api/v1/statuses/:id/history answers.
func (r *Renderer) StatusHistory(ctx context.Context, st *ent.Status) ([]*StatusEdit, error) {
	return nil, errors.New("entity: StatusHistory not implemented yet")
}
