package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// visibleStatus loads the status a route names, with every edge the renderers need,
// if the viewer may see it. Whatever the viewer may not see is 404, exactly like what
// does not exist, so that a fetch tells nothing about private posts: local-only
// statuses, followers-only ones unless the signer follows the author, direct ones
// unless it is mentioned, and everything by an author who blocks the signer.
//
// A deleted status is 404 as well: fedigraph keeps no tombstones, so it cannot tell a
// deleted status from one that never was. (Suspended authors are 410, by
// localAccount.)
func (s *Server) visibleStatus(ctx context.Context, r *http.Request, v *viewer) (*ent.Status, error) {
	a, err := s.localAccount(ctx, r)
	if err != nil {
		return nil, err
	}
	id := chi.URLParam(r, "id")
	if id == "" || len(id) > 26 {
		return nil, notFound()
	}
	st, err := s.cfg.DB.Status.Query().
		Where(status.ID(id), status.AccountID(a.ID)).
		Select(status.FieldID, status.FieldLocalOnly).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load status %s: %w", id, err)
	}
	// graph/visibility shows local-only statuses to any signed-in viewer; a remote
	// server is never one of those.
	if st.LocalOnly {
		return nil, notFound()
	}
	ok, err := visibility.Visible(ctx, s.cfg.DB.Client, v.id(), st.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound()
	}
	if hidden, err := s.hiddenFrom(ctx, a, v); err != nil || hidden {
		if err == nil {
			err = notFound()
		}
		return nil, err
	}
	full, err := ap.LoadStatus(ctx, s.cfg.DB.Client, st.ID)
	if err != nil {
		return nil, err
	}
	return full, nil
}

// status serves a status as its Note (a Question with a poll) or, for a boost, as
// the Announce whose ID the boost's URI is.
func (s *Server) status(w http.ResponseWriter, r *http.Request, v *viewer) error {
	st, err := s.visibleStatus(r.Context(), r, v)
	if err != nil {
		return err
	}
	var b []byte
	if st.ReblogOfID != nil {
		b, err = s.cfg.Render.Announce(st, st.Edges.ReblogOf)
	} else {
		b, err = s.cfg.Render.Note(st)
	}
	return s.writeRendered(w, st, b, err)
}

// statusActivity serves the Create that delivered a status: its ID, URI + /activity,
// is one other servers may look up. A boost has no Create; its URI is the Announce.
func (s *Server) statusActivity(w http.ResponseWriter, r *http.Request, v *viewer) error {
	st, err := s.visibleStatus(r.Context(), r, v)
	if err != nil {
		return err
	}
	if st.ReblogOfID != nil {
		return notFound()
	}
	b, err := s.cfg.Render.Create(st)
	return s.writeRendered(w, st, b, err)
}

func (s *Server) writeRendered(w http.ResponseWriter, st *ent.Status, b []byte, err error) error {
	if errors.Is(err, ap.ErrNotFederated) {
		return notFound() // a boost of a local-only status
	}
	if err != nil {
		return fmt.Errorf("render status %s: %w", st.ID, err)
	}
	writeActivity(w, b)
	return nil
}

// statusWeb is the web page of the status a route names.
func (s *Server) statusWeb(r *http.Request) string {
	return s.cfg.URIs.StatusWeb(chi.URLParam(r, "username"), chi.URLParam(r, "id"))
}
