// Package markers serves Mastodon's /api/v1/markers: where the signed-in user has
// read their home timeline and notifications up to, saved by one app and read by the
// others. It translates onto graph/markers, which the unread notification count reads
// too.
package markers

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent/marker"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/markers"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the marker routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
}

// Mount adds the routes to r, each guarded by the scopes Mastodon asks for it.
func (h *Handlers) Mount(r chi.Router) {
	r.With(access.User("read:statuses")).Get("/api/v1/markers", h.get)
	r.With(access.User("write:statuses")).Post("/api/v1/markers", h.save)
}

// timelineNamed is the timeline Mastodon calls name ("home", "notifications").
func timelineNamed(name string) (marker.Timeline, bool) {
	tl := marker.Timeline(strings.ToUpper(name))
	return tl, marker.TimelineValidator(tl) == nil
}

// get serves GET /api/v1/markers?timeline[]=home&timeline[]=notifications: the
// markers of the timelines named, keyed by timeline. As on Mastodon, naming none (or
// only timelines that have no markers) answers an empty object.
func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var tls []marker.Timeline
	for _, name := range v.Strings("timeline") {
		if tl, ok := timelineNamed(name); ok {
			tls = append(tls, tl)
		}
	}
	if len(tls) == 0 {
		respond.OK(w, map[string]*entity.Marker{})
		return
	}
	ms, err := markers.Get(ctx, h.Resolver.DB.Client, access.AccountID(ctx), tls)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.Markers(ms))
}

// save serves POST /api/v1/markers with home[last_read_id] and/or
// notifications[last_read_id] (or the same as JSON objects), answering the saved
// markers keyed by timeline. Timelines other than those two are ignored, as Rails'
// strong parameters ignore them on Mastodon.
func (h *Handlers) save(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	positions := map[marker.Timeline]string{}
	for _, tl := range markers.Timelines {
		sub := v.Sub(strings.ToLower(string(tl)))
		if pos, ok := sub.String("last_read_id"); ok {
			positions[tl] = pos
		}
	}
	ms, err := markers.Save(ctx, h.Resolver.DB, access.AccountID(ctx), positions, h.Resolver.Now())
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.Markers(ms))
}
