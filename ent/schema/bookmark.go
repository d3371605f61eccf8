package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/index"
)

// Bookmark is a status saved privately by an account.
type Bookmark struct{ ent.Schema }

// Mixin of the Bookmark.
func (Bookmark) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Bookmark.
func (Bookmark) Fields() []ent.Field {
	return pairFields(accountRef, statusRef)
}

// Edges of the Bookmark.
func (Bookmark) Edges() []ent.Edge { return pairEdges(accountRef, statusRef) }

// Indexes of the Bookmark.
func (Bookmark) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "status_id").Unique(),
		index.Fields("status_id"),
	}
}

// Annotations of the Bookmark.
func (Bookmark) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
