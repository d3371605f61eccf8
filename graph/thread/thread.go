// Package thread loads the conversation around a status: the replies above it and the
// replies below it, each filtered by what the viewer may see.
package thread

import (
	"context"
	"fmt"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Limits keep a hostile or enormous thread from costing unbounded work.
const (
	MaxAncestors   = 40
	MaxDescendants = 4096
)

// Context is a status's place in its conversation.
type Context struct {
	Ancestors   []*ent.Status // oldest first
	Descendants []*ent.Status // depth-first, each level oldest first
}

// Load returns the visible ancestors and descendants of st.
func Load(ctx context.Context, c *ent.Client, viewerID string, st *ent.Status) (*Context, error) {
	ancestors, err := loadAncestors(ctx, c, viewerID, st)
	if err != nil {
		return nil, err
	}
	descendants, err := loadDescendants(ctx, c, viewerID, st)
	if err != nil {
		return nil, err
	}
	return &Context{Ancestors: ancestors, Descendants: descendants}, nil
}

// loadAncestors walks up the reply chain, one visible status at a time. A hidden
// ancestor ends the chain: the viewer cannot know what it replied to.
func loadAncestors(ctx context.Context, c *ent.Client, viewerID string, st *ent.Status) ([]*ent.Status, error) {
	var out []*ent.Status
	for p := st.InReplyToID; p != nil && len(out) < MaxAncestors; {
		a, err := c.Status.Query().
			Where(status.ID(*p), status.ReblogOfIDIsNil(), visibility.Statuses(viewerID)).
			WithAccount().Only(ctx)
		if ent.IsNotFound(err) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("load thread ancestors: %w", err)
		}
		out = append(out, a)
		p = a.InReplyToID
	}
	slices.Reverse(out)
	return out, nil
}

// loadDescendants builds the reply tree below st from the statuses of its thread that
// came after it — replies are younger than what they answer — so a status posted late
// in a huge thread still finds its own replies within the bound.
func loadDescendants(ctx context.Context, c *ent.Client, viewerID string, st *ent.Status) ([]*ent.Status, error) {
	later, err := c.Status.Query().
		Where(status.ThreadID(st.ThreadID), status.IDGT(st.ID), status.ReblogOfIDIsNil(), visibility.Statuses(viewerID)).
		WithAccount().
		Order(ent.Asc(status.FieldID)).
		Limit(MaxDescendants * 2).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load thread descendants: %w", err)
	}
	children := map[string][]*ent.Status{}
	for _, m := range later {
		if m.InReplyToID != nil {
			children[*m.InReplyToID] = append(children[*m.InReplyToID], m)
		}
	}
	var out []*ent.Status
	var walk func(id string)
	walk = func(id string) {
		for _, k := range children[id] { // already oldest first
			if len(out) >= MaxDescendants {
				return
			}
			out = append(out, k)
			walk(k.ID)
		}
	}
	walk(st.ID)
	return out, nil
}
