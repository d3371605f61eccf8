package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// StatusTag links a status to a hashtag it carries. It is an edge schema (rather than
// ent's implicit join table) so that it can have the (tag_id, status_id) index that
// hashtag timelines and followed hashtags read through.
type StatusTag struct{ ent.Schema }

// Annotations of the StatusTag: the pair is the key.
func (StatusTag) Annotations() []schema.Annotation {
	return []schema.Annotation{
		field.ID("status_id", "tag_id"),
		entgql.Skip(entgql.SkipAll),
	}
}

// Fields of the StatusTag.
func (StatusTag) Fields() []ent.Field {
	return []ent.Field{
		field.String("status_id"),
		field.String("tag_id"),
	}
}

// Edges of the StatusTag.
func (StatusTag) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("status", Status.Type).Field("status_id").Unique().Required().
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("tag", Tag.Type).Field("tag_id").Unique().Required().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the StatusTag.
func (StatusTag) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tag_id", "status_id")}
}
