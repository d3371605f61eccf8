package timelines

import (
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph/timeline"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// tag serves GET /api/v1/timelines/tag/:hashtag: public statuses with the hashtag, or
// with any of any[], narrowed to those with all of all[] and none of none[], and by
// local, remote and only_media as the public timeline is.
func (h *Handlers) tag(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	tq := timeline.TagQuery{
		Name: pathParam(r, "hashtag"),
		Any:  v.Strings("any"),
		All:  v.Strings("all"),
		None: v.Strings("none"),
	}
	h.page(w, r, v, timeline.Hashtags(h.Resolver.DB.Client, access.AccountID(ctx), tq, publicOptions(v), h.Resolver.Now()))
}

// pathParam is a URL path parameter decoded: chi gives it still escaped when the
// request's path was sent with escapes Go would not have chosen (%23 for "#", say).
func pathParam(r *http.Request, name string) string {
	raw := chi.URLParam(r, name)
	if s, err := url.PathUnescape(raw); err == nil {
		return s
	}
	return raw
}
