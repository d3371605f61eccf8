package tags

import (
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/tagfollow"
	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// followedLimits are Mastodon's page sizes for followed hashtags.
var followedLimits = pagination.Limits{Default: 100, Max: 200}

// followed serves GET /api/v1/followed_tags: the hashtags the viewer follows, most
// recently followed first, paged by the follows' IDs with a Link header.
func (h *Handlers) followed(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	win := pagination.Window(v, followedLimits)
	rows, err := h.Resolver.Tags.Followed(access.AccountID(ctx)).
		Where(win.Where(tagfollow.FieldID)).Order(win.Order(tagfollow.FieldID)).
		Limit(win.Limit + 1).All(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	rows, more := paging.Finish(rows, win)
	ts := make([]*ent.Tag, len(rows))
	ids := make([]string, len(rows))
	for i, f := range rows {
		ts[i], ids[i] = f.Edges.Tag, f.ID
	}
	out, err := h.render(ctx, ts)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pagination.Link(w, r, h.BaseURL, ids, more, win)
	respond.OK(w, out)
}
