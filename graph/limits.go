package graph

import (
	"context"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/generated"
	"github.com/fedigraph/fedigraph/graph/paging"
)

// DepthLimit refuses operations nested deeper than Max selection levels, fragments
// included. Complexity alone misses narrow but deep queries (status.reblog.account…)
// that cost one join each.
type DepthLimit struct{ Max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = DepthLimit{}

// ExtensionName names the extension for gqlgen.
func (DepthLimit) ExtensionName() string { return "DepthLimit" }

// Validate checks the limit is usable.
func (DepthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext measures the operation before it runs.
func (d DepthLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if depth := selectionDepth(oc.Operation.SelectionSet, 0, d.Max+1); depth > d.Max {
		err := gqlerror.Errorf("operation is nested %d levels deep, more than the limit of %d", depth, d.Max)
		err.Extensions = map[string]any{"code": "QUERY_TOO_DEEP"}
		return err
	}
	return nil
}

// selectionDepth returns the depth of set, stopping early once it passes stop so that a
// hostile query full of fragments costs little to reject.
func selectionDepth(set ast.SelectionSet, depth, stop int) int {
	if depth >= stop {
		return depth
	}
	deepest := depth
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 {
				d = depth + 1
			} else {
				d = selectionDepth(s.SelectionSet, depth+1, stop)
			}
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, depth, stop)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet, depth, stop)
			}
		}
		if d > deepest {
			deepest = d
		}
	}
	return deepest
}

// complexity prices list fields by the page size asked for, so that a query for 40
// statuses, each with its thread, costs what it will cost the database. Threads are
// priced at their usual size rather than their cap.
func complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	page := func(first, last *int) int {
		n := paging.DefaultLimit
		switch {
		case first != nil:
			n = *first
		case last != nil:
			n = *last
		}
		return max(1, min(n, paging.MaxLimit))
	}
	type cursor = *entgql.Cursor[string]
	c.Query.HomeTimeline = func(child int, _ cursor, first *int, _ cursor, last *int) int {
		return 1 + child*page(first, last)
	}
	c.Query.PublicTimeline = func(child int, _ cursor, first *int, _ cursor, last *int, _, _, _ *bool) int {
		return 1 + child*page(first, last)
	}
	c.Query.HashtagTimeline = func(child int, _ string, _ cursor, first *int, _ cursor, last *int, _, _, _ *bool, _, _, _ []string) int {
		return 1 + child*page(first, last)
	}
	c.Query.ListTimeline = func(child int, _ string, _ cursor, first *int, _ cursor, last *int) int {
		return 1 + child*page(first, last)
	}
	c.Query.Notifications = func(child int, _ cursor, first *int, _ cursor, last *int, _, _ []notification.Type) int {
		return 1 + child*page(first, last)
	}
	c.Query.Followers = func(child int, _ string, _ cursor, first *int) int { return 1 + child*page(first, nil) }
	c.Query.Following = func(child int, _ string, _ cursor, first *int) int { return 1 + child*page(first, nil) }
	c.Query.FollowRequests = func(child int, _ cursor, first *int) int { return 1 + child*page(first, nil) }
	c.Query.Search = func(child int, _ string, first *int) int { return 1 + child*page(first, nil) }
	c.Query.Nodes = func(child int, ids []string) int { return 1 + child*max(1, len(ids)) }
	c.Query.Thread = func(child int, _ string) int { return 1 + child*paging.MaxLimit }
	c.Status.RebloggedBy = func(child int, _ cursor, first *int) int { return 1 + child*page(first, nil) }
	c.Status.FavouritedBy = func(child int, _ cursor, first *int) int { return 1 + child*page(first, nil) }
	c.Account.Statuses = func(child int, _ cursor, first *int, _, _, _, _ *bool) int {
		return 1 + child*page(first, nil)
	}
	return c
}
