// Package thread loads the conversation around a status: the replies above it and the
// replies below it, each filtered by what the viewer may see.
package thread

import (
	"context"
	"fmt"
	"sort"

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
	members, err := c.Status.Query().
		Where(status.ThreadID(st.ThreadID), status.ReblogOfIDIsNil(), visibility.Statuses(viewerID)).
		WithAccount().
		Order(ent.Asc(status.FieldID)).
		Limit(MaxDescendants + MaxAncestors).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load thread: %w", err)
	}
	byID := make(map[string]*ent.Status, len(members))
	children := map[string][]*ent.Status{}
	for _, m := range members {
		byID[m.ID] = m
		if m.InReplyToID != nil {
			children[*m.InReplyToID] = append(children[*m.InReplyToID], m)
		}
	}
	out := &Context{}
	// Walk up; a hidden ancestor ends the chain, as the viewer cannot know what it
	// replied to.
	for p := st.InReplyToID; p != nil && len(out.Ancestors) < MaxAncestors; {
		a := byID[*p]
		if a == nil {
			break
		}
		out.Ancestors = append(out.Ancestors, a)
		p = a.InReplyToID
	}
	for i, j := 0, len(out.Ancestors)-1; i < j; i, j = i+1, j-1 {
		out.Ancestors[i], out.Ancestors[j] = out.Ancestors[j], out.Ancestors[i]
	}
	var walk func(id string)
	walk = func(id string) {
		kids := children[id]
		sort.Slice(kids, func(i, j int) bool { return kids[i].ID < kids[j].ID })
		for _, k := range kids {
			if len(out.Descendants) >= MaxDescendants {
				return
			}
			out.Descendants = append(out.Descendants, k)
			walk(k.ID)
		}
	}
	walk(st.ID)
	return out, nil
}
