package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Filter hides or warns about statuses matching keywords, in the chosen contexts.
type Filter struct{ ent.Schema }

// Mixin of the Filter.
func (Filter) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the Filter.
func (Filter) Fields() []ent.Field {
	return append(pairFields(accountRef),
		field.String("title").NotEmpty().MaxLen(200),
		field.JSON("context", []string{}).Comment("home, notifications, public, thread, account"),
		field.Enum("action").Values("WARN", "HIDE", "BLUR").Default("WARN"),
		field.Time("expires_at").Optional().Nillable(),
	)
}

// Edges of the Filter.
func (Filter) Edges() []ent.Edge {
	return append(pairEdges(accountRef),
		edge.To("keywords", FilterKeyword.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("statuses", FilterStatus.Type).Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
	)
}
