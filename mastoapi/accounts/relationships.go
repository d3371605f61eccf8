package accounts

import (
	"net/http"

	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// maxRelationshipIDs bounds one request: the domain answers any number of IDs in a
// fixed number of queries, but an IN list still grows with them.
const maxRelationshipIDs = 100

// relationships serves GET /api/v1/accounts/relationships?id[]=…: the viewer's
// relationship with each account, in the order asked, leaving out unknown ones.
func (h *Handlers) relationships(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ids := v.IDs("id")
	if len(ids) > maxRelationshipIDs {
		ids = ids[:maxRelationshipIDs]
	}
	rels, err := h.Resolver.Relations.Relationships(r.Context(), access.AccountID(r.Context()), ids)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.Relationships(rels))
}
