package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/index"
)

// TagFollow is a hashtag an account follows into its home timeline.
type TagFollow struct{ ent.Schema }

// Mixin of the TagFollow.
func (TagFollow) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the TagFollow.
func (TagFollow) Fields() []ent.Field {
	return pairFields(accountRef, tagRef)
}

// Edges of the TagFollow.
func (TagFollow) Edges() []ent.Edge { return pairEdges(accountRef, tagRef) }

// Indexes of the TagFollow.
func (TagFollow) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "tag_id").Unique(),
		index.Fields("tag_id"),
	}
}

// Annotations of the TagFollow.
func (TagFollow) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
