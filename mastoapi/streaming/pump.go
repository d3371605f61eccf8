package streaming

import (
	"context"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// pump feeds the stream's events into out until ctx ends or the hub cuts the
// subscriber off for falling behind; then it returns, and the caller closes the
// connection so the client reconnects and reloads.
func (h *Handler) pump(ctx context.Context, v *auth.Viewer, f *feed, out chan<- *event) {
	sub := h.Hub.Subscribe(ctx, f.streams(v.AccountID)...)
	defer sub.Close()
	for d := range sub.C {
		e, err := h.translate(ctx, v, f, d)
		if err != nil {
			h.Logger.WarnContext(ctx, "streaming event", "stream", f.spec.name, "error", err)
			continue
		}
		if e == nil {
			continue
		}
		select {
		case out <- e:
		case <-ctx.Done():
			return
		}
	}
}
