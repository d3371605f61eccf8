package entity

import (
	"context"
	"errors"

	"github.com/fedigraph/fedigraph/ent"
)

// Notifications renders a page of the viewer's notifications.
func (r *Renderer) Notifications(ctx context.Context, viewerID string, ns []*ent.Notification) ([]*Notification, error) {
	return nil, errors.New("entity: Notifications not implemented yet")
}
