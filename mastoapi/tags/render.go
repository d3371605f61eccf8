package tags

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/tags"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// Render renders hashtags for a viewer: signed in, each says whether they follow it
// (one query for all of them); signed out, following is left out, as on Mastodon.
// Search renders its hashtags through it too.
func Render(ctx context.Context, ren *entity.Renderer, svc *tags.Service, viewerID string, ts []*ent.Tag) ([]*entity.Tag, error) {
	ids := make([]string, 0, len(ts))
	for _, t := range ts {
		if t.ID != "" {
			ids = append(ids, t.ID)
		}
	}
	following, err := svc.Following(ctx, viewerID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*entity.Tag, len(ts))
	for i, t := range ts {
		out[i] = ren.Tag(t)
		if viewerID != "" {
			f := following[t.ID]
			out[i].Following = &f
		}
	}
	return out, nil
}
