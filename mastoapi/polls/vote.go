package polls

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// vote serves POST /api/v1/polls/:id/votes with choices[] (option indexes from 0), and
// answers the poll as it is after the vote.
func (h *Handlers) vote(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var choices []int
	for _, s := range v.Strings("choices") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			respond.Error(w, r, apperr.BadInputf("Validation failed: choices must be option numbers, not %q", s))
			return
		}
		choices = append(choices, n)
	}
	ctx := r.Context()
	p, err := h.Resolver.Polls.Vote(ctx, access.AccountID(ctx), chi.URLParam(r, "id"), choices)
	h.poll(w, r, p, err)
}
