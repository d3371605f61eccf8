package graph

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/customemoji"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/ent/filterkeyword"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/rule"
	"github.com/fedigraph/fedigraph/ent/statusedit"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// IDs are ULIDs shared by every table, so node(id:) cannot read the type from the ID
// (as ent's global-ID feature would). It asks each table in turn, most likely first,
// and applies the same access rule as the type's own query field.
type nodeLoader func(ctx context.Context, r *Resolver, id string) (ent.Noder, error)

var nodeLoaders = []nodeLoader{
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		ok, err := visibility.Visible(ctx, r.DB.Client, viewerID(ctx), id)
		if err != nil || !ok {
			return nil, err
		}
		return r.DB.Status.Get(ctx, id)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		return r.DB.Account.Query().Where(account.ID(id), account.SuspendedAtIsNil()).Only(ctx)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		return r.DB.Notification.Query().Where(notification.ID(id), notification.AccountID(viewerID(ctx))).Only(ctx)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		return r.DB.Tag.Query().Where(tag.ID(id)).Only(ctx)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		return r.DB.List.Query().Where(list.ID(id), list.AccountID(viewerID(ctx))).Only(ctx)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		m, err := r.DB.MediaAttachment.Query().Where(mediaattachment.ID(id)).WithStatus().Only(ctx)
		if err != nil || m.AccountID == viewerID(ctx) {
			return m, err
		}
		if m.Edges.Status == nil {
			return nil, nil // unattached uploads are their owner's business
		}
		return visibleOr(ctx, r, m.Edges.Status.ID, m)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		p, err := r.DB.Poll.Query().Where(poll.ID(id)).WithStatus().Only(ctx)
		if err != nil {
			return nil, err
		}
		return visibleOr(ctx, r, p.Edges.Status.ID, p)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		e, err := r.DB.StatusEdit.Query().Where(statusedit.ID(id)).Only(ctx)
		if err != nil {
			return nil, err
		}
		return visibleOr(ctx, r, e.StatusID, e)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		return r.DB.Filter.Query().Where(filter.ID(id), filter.AccountID(viewerID(ctx))).Only(ctx)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		return r.DB.FilterKeyword.Query().
			Where(filterkeyword.ID(id), filterkeyword.HasFilterWith(filter.AccountID(viewerID(ctx)))).Only(ctx)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		v := viewerID(ctx)
		return r.DB.FollowRequest.Query().Where(followrequest.ID(id),
			followrequest.Or(followrequest.AccountID(v), followrequest.TargetAccountID(v))).Only(ctx)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		return r.DB.CustomEmoji.Query().Where(customemoji.ID(id), customemoji.Disabled(false)).Only(ctx)
	},
	func(ctx context.Context, r *Resolver, id string) (ent.Noder, error) {
		return r.DB.Rule.Query().Where(rule.ID(id)).Only(ctx)
	},
}

// visibleOr returns n when the viewer may see the status it belongs to.
func visibleOr(ctx context.Context, r *Resolver, statusID string, n ent.Noder) (ent.Noder, error) {
	ok, err := visibility.Visible(ctx, r.DB.Client, viewerID(ctx), statusID)
	if err != nil || !ok {
		return nil, err
	}
	return n, nil
}

// node finds the object with the ID among those the viewer may see.
func (r *Resolver) node(ctx context.Context, id string) (ent.Noder, error) {
	if len(id) != 26 {
		return nil, apperr.NotFoundf("no object has the ID %q", id)
	}
	for _, load := range nodeLoaders {
		n, err := load(ctx, r, id)
		if ent.IsNotFound(err) || (err == nil && n == nil) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return n, nil
	}
	return nil, apperr.NotFoundf("no object has the ID %q", id)
}
