package entity

import (
	"context"
	"errors"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/thread"
)

// Status renders one status as viewerID ("" when signed out) sees it.
func (r *Renderer) Status(ctx context.Context, viewerID string, st *ent.Status) (*Status, error) {
	return nil, errors.New("entity: Status not implemented yet")
}

// Statuses renders a page of statuses in the order given, with a fixed number of
// queries whatever the page size.
func (r *Renderer) Statuses(ctx context.Context, viewerID string, sts []*ent.Status) ([]*Status, error) {
	return nil, errors.New("entity: Statuses not implemented yet")
}

// Context renders a status's conversation.
func (r *Renderer) Context(ctx context.Context, viewerID string, c *thread.Context) (*Context, error) {
	return nil, errors.New("entity: Context not implemented yet")
}

// DeletedStatus renders a status for the answer to its deletion: Status plus the
// source text, so that the client can offer to redraft it. Render it before the row
// is deleted, or pass a status whose edges are already loaded.
func (r *Renderer) DeletedStatus(ctx context.Context, viewerID string, st *ent.Status) (*Status, error) {
	return nil, errors.New("entity: DeletedStatus not implemented yet")
}
