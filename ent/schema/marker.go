package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Marker saves how far an account has read a timeline, for apps to sync.
type Marker struct{ ent.Schema }

// Mixin of the Marker.
func (Marker) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the Marker.
func (Marker) Fields() []ent.Field {
	return append(pairFields(accountRef),
		field.Enum("timeline").Values("HOME", "NOTIFICATIONS"),
		field.String("last_read_id").Default(""),
		field.Int("version").Default(0),
	)
}

// Edges of the Marker.
func (Marker) Edges() []ent.Edge { return pairEdges(accountRef) }

// Indexes of the Marker.
func (Marker) Indexes() []ent.Index {
	return []ent.Index{index.Fields("account_id", "timeline").Unique()}
}

// Annotations of the Marker.
func (Marker) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
