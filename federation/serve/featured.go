package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/statuspin"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// maxFeatured bounds the featured collection, which is sent whole. Mastodon allows 5
// pins; the bound only guards against an account that somehow has thousands.
const maxFeatured = 50

// featured serves a local account's pinned statuses, most recently pinned first, as
// the Notes themselves (Mastodon's toot:featured), limited to those the viewer may
// see.
func (s *Server) featured(w http.ResponseWriter, r *http.Request, v *viewer) error {
	ctx := r.Context()
	a, err := s.localAccount(ctx, r)
	if err != nil {
		return err
	}
	items := []json.RawMessage{}
	hidden, err := s.hiddenFrom(ctx, a, v)
	if err != nil {
		return err
	}
	if !hidden {
		pins, err := s.cfg.DB.StatusPin.Query().
			Where(statuspin.AccountID(a.ID), statuspin.HasStatusWith(
				status.LocalOnly(false), status.ReblogOfIDIsNil(), visibility.Statuses(v.id()))).
			Order(ent.Desc(statuspin.FieldID)).
			Limit(maxFeatured).
			All(ctx)
		if err != nil {
			return fmt.Errorf("load pins of %s: %w", a.ID, err)
		}
		statusIDs := make([]string, len(pins))
		for i, p := range pins {
			statusIDs[i] = p.StatusID
		}
		sts, err := loadStatuses(ctx, s.cfg.DB.Client, statusIDs)
		if err != nil {
			return err
		}
		for _, st := range sts {
			b, err := s.cfg.Render.Note(st)
			if errors.Is(err, ap.ErrNotFederated) {
				continue
			}
			if err != nil {
				return fmt.Errorf("render pinned status %s: %w", st.ID, err)
			}
			items = append(items, b)
		}
	}
	return s.writeCollection(w, s.cfg.URIs.Featured(a.Username), len(items), "", items)
}
