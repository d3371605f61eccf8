package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/polls"
)

// loaders batch the per-item look-ups of one GraphQL operation, so that a page of 40
// statuses asking "have I favourited this?" costs one query, not forty.
type loaders struct {
	viewerState *dataloadgen.Loader[string, interact.State]
	pollTotals  *dataloadgen.Loader[*ent.Poll, polls.Totals]
	// profileImages loads avatars and headers by ID; nil for an ID not found.
	profileImages *dataloadgen.Loader[string, *ent.MediaAttachment]
}

type loadersKey struct{}

// loaderWait is how long a loader collects keys before it queries: long enough for
// gqlgen to resolve the sibling fields of a list, short enough not to be noticed.
const loaderWait = 500 * time.Microsecond

// withLoaders gives each operation its own loaders; caching across operations would
// serve one viewer's state to the next request.
func (r *Resolver) withLoaders(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	viewer := viewerID(ctx)
	l := &loaders{
		viewerState: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]interact.State, []error) {
			states, err := r.Interact.ViewerState(ctx, viewer, ids)
			out := make([]interact.State, len(ids))
			if err != nil {
				errs := make([]error, len(ids))
				for i := range errs {
					errs[i] = err
				}
				return out, errs
			}
			for i, id := range ids {
				out[i] = states[id]
			}
			return out, nil
		}, dataloadgen.WithWait(loaderWait)),
		pollTotals: dataloadgen.NewMappedLoader(func(ctx context.Context, ps []*ent.Poll) (map[*ent.Poll]polls.Totals, error) {
			return polls.TallyAll(ctx, r.DB.Client, ps)
		}, dataloadgen.WithWait(loaderWait)),
		profileImages: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*ent.MediaAttachment, []error) {
			byID, err := media.ProfileImages(ctx, r.DB.Client, ids)
			out := make([]*ent.MediaAttachment, len(ids))
			if err != nil {
				errs := make([]error, len(ids))
				for i := range errs {
					errs[i] = err
				}
				return out, errs
			}
			for i, id := range ids {
				out[i] = byID[id]
			}
			return out, nil
		}, dataloadgen.WithWait(loaderWait)),
	}
	return next(context.WithValue(ctx, loadersKey{}, l))
}

// viewerState is the signed-in viewer's marks on a status (none when signed out).
func viewerState(ctx context.Context, statusID string) (interact.State, error) {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	if l == nil || viewerID(ctx) == "" {
		return interact.State{}, nil
	}
	return l.viewerState.Load(ctx, statusID)
}

// primeViewerState loads the viewer's marks on a whole page of statuses (and the
// statuses they boost) in one batch, before gqlgen resolves the page's fields
// concurrently and would otherwise split the work into several batches.
func primeViewerState(ctx context.Context, statuses []*ent.Status) {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	if l == nil || viewerID(ctx) == "" || len(statuses) == 0 {
		return
	}
	ids := make([]string, 0, 2*len(statuses))
	for _, st := range statuses {
		ids = append(ids, st.ID)
		if st.ReblogOfID != nil {
			ids = append(ids, *st.ReblogOfID)
		}
	}
	// Errors surface again, per field, when the fields ask.
	_, _ = l.viewerState.LoadAll(ctx, ids)
}

// pollTotals is a poll's tally, counted together with the other polls on the page.
func (r *Resolver) pollTotals(ctx context.Context, p *ent.Poll) (polls.Totals, error) {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	if l == nil {
		return polls.Tally(ctx, r.DB.Client, p)
	}
	return l.pollTotals.Load(ctx, p)
}
