package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// FilterKeyword is a word or phrase a filter matches.
type FilterKeyword struct{ ent.Schema }

// Mixin of the FilterKeyword.
func (FilterKeyword) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the FilterKeyword.
func (FilterKeyword) Fields() []ent.Field {
	return append(pairFields(filterRef("keywords")),
		field.String("keyword").NotEmpty().MaxLen(255),
		field.Bool("whole_word").Default(true),
	)
}

// Edges of the FilterKeyword.
func (FilterKeyword) Edges() []ent.Edge { return pairEdges(filterRef("keywords")) }

// Indexes of the FilterKeyword.
func (FilterKeyword) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("filter_id"),
	}
}

// Annotations of the FilterKeyword.
func (FilterKeyword) Annotations() []schema.Annotation {
	return nil
}
