package graph

import (
	"context"

	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/model"
	"github.com/fedigraph/fedigraph/graph/profile"
)

// updateProfile translates the GraphQL input into profile changes.
func (r *Resolver) updateProfile(ctx context.Context, accountID string, in model.UpdateProfileInput) error {
	c := profile.Changes{
		DisplayName: in.DisplayName, Note: in.Note,
		Locked: in.Locked, Bot: in.Bot, Discoverable: in.Discoverable, Indexable: in.Indexable,
		Hidden: in.HideCollections, DefaultSensitive: in.DefaultSensitive, DefaultLanguage: in.DefaultLanguage,
	}
	if in.Fields != nil {
		fs := make([]profile.Field, len(in.Fields))
		for i, f := range in.Fields {
			fs[i] = profile.Field{Name: f.Name, Value: f.Value}
		}
		c.Fields = &fs
	}
	if in.DefaultVisibility != nil {
		v := user.DefaultVisibility(*in.DefaultVisibility)
		c.DefaultVisibility = &v
	}
	if in.DefaultContentType != nil {
		v := user.DefaultContentType(*in.DefaultContentType)
		c.DefaultContentType = &v
	}
	return profile.Update(ctx, r.DB, r.Federator, accountID, c)
}
