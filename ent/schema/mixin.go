// Package schema is fedigraph's data model: the single source of truth from which ent
// generates the database client and entgql generates the GraphQL types.
package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
	"github.com/fedigraph/fedigraph/graph/ids"
)

// IDMixin gives an entity a ULID primary key and a creation time.
type IDMixin struct{ mixin.Schema }

// Fields of the IDMixin.
func (IDMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").
			MaxLen(26).
			NotEmpty().
			Immutable().
			DefaultFunc(func() string { return ids.New(time.Now()) }).
			Annotations(entgql.OrderField("ID")),
		field.Time("created_at").
			Immutable().
			Default(time.Now).
			Annotations(entgql.OrderField("CREATED_AT")),
	}
}

// TimeMixin adds an update time that ent keeps current.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
	}
}
