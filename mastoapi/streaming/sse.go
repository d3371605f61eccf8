package streaming

import (
	"fmt"
	"net/http"
	"time"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// serveSSE streams one stream as server-sent events (Mastodon's EventSource API).
func (h *Handler) serveSSE(w http.ResponseWriter, r *http.Request, name string) {
	v := h.authorize(w, r)
	if v == nil {
		return
	}
	q := r.URL.Query()
	f, err := h.open(r.Context(), v, spec{name: name, param: q.Get("tag") + q.Get("list")})
	if err != nil {
		ae := apperr.As(err)
		respond.Message(w, httpStatus(ae), ae.Message)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		respond.Message(w, http.StatusInternalServerError, "streaming is not supported here")
		return
	}
	// The connection lives long: lift the server's per-request write deadline.
	http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ":)\n\n")
	flusher.Flush()

	ctx := r.Context()
	events := make(chan *event, 64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.pump(ctx, v, f, events)
	}()
	beat := time.NewTicker(heartbeat / 2)
	defer beat.Stop()
	for {
		select {
		case e := <-events:
			if e.Payload != "" {
				fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Event, e.Payload)
			} else {
				fmt.Fprintf(w, "event: %s\ndata: \n\n", e.Event)
			}
			flusher.Flush()
		case <-beat.C:
			fmt.Fprint(w, ":thump\n\n")
			flusher.Flush()
		case <-done:
			return // cut off for falling behind; the client reconnects
		case <-ctx.Done():
			return
		}
	}
}
