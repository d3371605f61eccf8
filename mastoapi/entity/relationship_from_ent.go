package entity

import "github.com/fedigraph/fedigraph/graph/relations"

// Relationships renders what relations.Service.Relationships returned, in its order.
func (r *Renderer) Relationships(rels []*relations.Relationship) []*Relationship {
	out := make([]*Relationship, len(rels))
	for i, rel := range rels {
		out[i] = &Relationship{
			ID:                  rel.ID,
			Following:           rel.Following,
			ShowingReblogs:      rel.ShowingReblogs,
			Notifying:           rel.Notifying,
			FollowedBy:          rel.FollowedBy,
			Blocking:            rel.Blocking,
			BlockedBy:           rel.BlockedBy,
			Muting:              rel.Muting,
			MutingNotifications: rel.MutingNotifications,
			Requested:           rel.Requested,
			RequestedBy:         rel.RequestedBy,
			DomainBlocking:      rel.DomainBlocking,
			Note:                rel.Note,
		}
	}
	return out
}
