package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// User is the sign-in identity behind a local Account.
type User struct{ ent.Schema }

// Mixin of the User.
func (User) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").NotEmpty().Unique().MaxLen(320),
		field.String("password_hash").Sensitive(),
		field.Time("confirmed_at").Optional().Nillable(),
		field.Bool("approved").Default(true),
		field.Bool("admin").Default(false),
		field.Bool("moderator").Default(false),
		field.Bool("disabled").Default(false),
		field.String("locale").Default(""),
		field.Text("sign_up_reason").Default(""),
		field.Time("last_sign_in_at").Optional().Nillable(),
		field.Enum("default_visibility").
			Values("PUBLIC", "UNLISTED", "FOLLOWERS_ONLY", "MUTUALS_ONLY", "DIRECT").
			Default("PUBLIC"),
		field.Bool("default_sensitive").Default(false),
		field.String("default_language").Default(""),
		field.Enum("default_content_type").Values("PLAIN", "MARKDOWN").Default("PLAIN"),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("user").Unique().Required(),
	}
}

// Annotations of the User: never exposed through GraphQL directly.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
