package instance

import (
	"net/http"

	"github.com/fedigraph/fedigraph/graph/instance"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// rules serves GET /api/v1/instance/rules.
func (h *Handlers) rules(w http.ResponseWriter, r *http.Request) {
	rs, err := instance.Rules(r.Context(), h.Resolver.DB.Client)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.Rules(rs))
}

// customEmojis serves GET /api/v1/custom_emojis: the emoji people here can use.
func (h *Handlers) customEmojis(w http.ResponseWriter, r *http.Request) {
	es, err := instance.CustomEmojis(r.Context(), h.Resolver.DB.Client)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.CustomEmojis(es))
}
