package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// StatusEdit is a previous revision of an edited status.
type StatusEdit struct{ ent.Schema }

// Mixin of the StatusEdit.
func (StatusEdit) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the StatusEdit.
func (StatusEdit) Fields() []ent.Field {
	return []ent.Field{
		field.String("status_id").Immutable(),
		field.Text("content").Default(""),
		field.Text("spoiler_text").Default(""),
		field.Bool("sensitive").Default(false),
		field.JSON("media_ids", []string{}).Optional().Annotations(entgql.Skip()),
		field.JSON("poll_options", []string{}).Optional(),
	}
}

// Edges of the StatusEdit.
func (StatusEdit) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("status", Status.Type).Ref("edits").Field("status_id").Unique().Required().Immutable(),
	}
}
