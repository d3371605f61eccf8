package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AccountDomainBlock hides a whole domain from one account (user-level domain block).
type AccountDomainBlock struct{ ent.Schema }

// Mixin of the AccountDomainBlock.
func (AccountDomainBlock) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the AccountDomainBlock.
func (AccountDomainBlock) Fields() []ent.Field {
	return append(pairFields(accountRef),
		field.String("domain").NotEmpty().MaxLen(255),
	)
}

// Edges of the AccountDomainBlock.
func (AccountDomainBlock) Edges() []ent.Edge { return pairEdges(accountRef) }

// Indexes of the AccountDomainBlock.
func (AccountDomainBlock) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "domain").Unique(),
	}
}

// Annotations of the AccountDomainBlock.
func (AccountDomainBlock) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
