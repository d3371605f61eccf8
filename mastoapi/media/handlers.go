// Package media serves Mastodon's media routes: uploading a file to attach to a
// status (POST /api/v1/media, which answers once the file is processed, and POST
// /api/v2/media, which answers 202 while it is still being processed), reading and
// changing an upload's description and focal point, and deleting an unattached
// upload. Each handler translates the request onto graph/media, the service behind
// GraphQL's uploadMedia and updateMedia.
package media

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// Handlers serve the media routes.
type Handlers struct {
	Resolver *graph.Resolver
	Renderer *entity.Renderer
}

// Mount adds the routes to r; every one needs a user's token with write:media, as on
// Mastodon.
func (h *Handlers) Mount(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(access.User("write:media"))
		r.Post("/api/v1/media", h.create(true))
		r.Post("/api/v2/media", h.create(false))
		r.Get("/api/v1/media/{id}", h.get)
		r.Put("/api/v1/media/{id}", h.update)
		r.Delete("/api/v1/media/{id}", h.delete)
	})
}

// service is the media service, or an error when the server stores no files.
func (h *Handlers) service() (*media.Service, error) {
	if h.Resolver.Media == nil {
		return nil, apperr.New(apperr.Internal, "media storage is not configured")
	}
	return h.Resolver.Media, nil
}

// render answers an attachment with the status Mastodon uses for its state.
func (h *Handlers) render(w http.ResponseWriter, status int, m *ent.MediaAttachment) {
	respond.JSON(w, status, h.Renderer.Media(m))
}

// focus reads Mastodon's focus parameter, "x,y" with each in [-1, 1].
func focus(v params.Values) (*media.Focus, error) {
	s, ok := v.String("focus")
	if !ok || s == "" {
		return nil, nil
	}
	xs, ys, found := strings.Cut(s, ",")
	x, errX := strconv.ParseFloat(strings.TrimSpace(xs), 64)
	y, errY := strconv.ParseFloat(strings.TrimSpace(ys), 64)
	if !found || errX != nil || errY != nil {
		return nil, apperr.BadInputf("Validation failed: focus must be two numbers, x,y, between -1.0 and 1.0")
	}
	return &media.Focus{X: x, Y: y}, nil
}
