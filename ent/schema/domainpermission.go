package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
)

// DomainBlock is an instance-wide block of a remote domain and its subdomains.
type DomainBlock struct{ ent.Schema }

// Mixin of the DomainBlock.
func (DomainBlock) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the DomainBlock.
func (DomainBlock) Fields() []ent.Field {
	return []ent.Field{
		field.String("domain").NotEmpty().Unique().MaxLen(255),
		field.Enum("severity").Values("SUSPEND", "SILENCE", "NOOP").Default("SUSPEND"),
		field.Bool("reject_media").Default(false),
		field.Bool("reject_reports").Default(false),
		field.Text("private_comment").Default(""),
		field.Text("public_comment").Default(""),
		field.Bool("obfuscate").Default(false),
		field.String("created_by_account_id").Optional().Nillable(),
	}
}

// Annotations of the DomainBlock.
func (DomainBlock) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// DomainAllow lets a domain federate when the instance runs in allowlist mode.
type DomainAllow struct{ ent.Schema }

// Mixin of the DomainAllow.
func (DomainAllow) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the DomainAllow.
func (DomainAllow) Fields() []ent.Field {
	return []ent.Field{
		field.String("domain").NotEmpty().Unique().MaxLen(255),
		field.Text("comment").Default(""),
		field.String("created_by_account_id").Optional().Nillable(),
	}
}

// Annotations of the DomainAllow.
func (DomainAllow) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
