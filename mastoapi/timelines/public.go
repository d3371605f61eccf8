package timelines

import (
	"net/http"

	"github.com/fedigraph/fedigraph/graph/timeline"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// public serves GET /api/v1/timelines/public: every public status this server knows,
// or only local (local=true) or only remote (remote=true) ones, optionally only those
// with media (only_media=true).
func (h *Handlers) public(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	h.page(w, r, v, timeline.Public(h.Resolver.DB.Client, access.AccountID(ctx), publicOptions(v), h.Resolver.Now()))
}
