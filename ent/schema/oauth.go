package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Application is a registered OAuth client (a Mastodon app, the web app, a script).
type Application struct{ ent.Schema }

// Mixin of the Application.
func (Application) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Application.
func (Application) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200),
		field.String("website").Default(""),
		field.JSON("redirect_uris", []string{}),
		field.String("scopes").Default("read"),
		field.String("client_id").NotEmpty().Unique().Annotations(entgql.Skip()),
		field.String("client_secret").NotEmpty().Sensitive().Annotations(entgql.Skip()),
		field.String("created_by_user_id").Optional().Nillable().Annotations(entgql.Skip()),
	}
}

// Annotations of the Application.
func (Application) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Token is an OAuth access token. Only a SHA-256 digest of the secret is stored, so a
// database leak does not leak working tokens.
type Token struct{ ent.Schema }

// Mixin of the Token.
func (Token) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Token.
func (Token) Fields() []ent.Field {
	return []ent.Field{
		field.String("digest").NotEmpty().Unique().Sensitive(),
		field.String("application_id").NotEmpty().Immutable(),
		field.String("user_id").Optional().Nillable().Immutable().
			Comment("nil for client_credentials tokens"),
		field.String("scopes").Default("read"),
		field.Time("expires_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
		field.Time("last_used_at").Optional().Nillable(),
	}
}

// Edges of the Token.
func (Token) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", Application.Type).Field("application_id").Unique().Required().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Immutable(),
	}
}

// Indexes of the Token.
func (Token) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id"), index.Fields("application_id")}
}

// Annotations of the Token.
func (Token) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// AuthorizationCode is a short-lived OAuth code exchanged once for a token.
type AuthorizationCode struct{ ent.Schema }

// Mixin of the AuthorizationCode.
func (AuthorizationCode) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the AuthorizationCode.
func (AuthorizationCode) Fields() []ent.Field {
	return []ent.Field{
		field.String("digest").NotEmpty().Unique().Sensitive(),
		field.String("application_id").NotEmpty().Immutable(),
		field.String("user_id").NotEmpty().Immutable(),
		field.String("redirect_uri").NotEmpty(),
		field.String("scopes").Default("read"),
		field.String("code_challenge").Default(""),
		field.String("code_challenge_method").Default(""),
		field.Time("expires_at"),
		field.Time("used_at").Optional().Nillable(),
	}
}

// Edges of the AuthorizationCode.
func (AuthorizationCode) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", Application.Type).Field("application_id").Unique().Required().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable(),
	}
}

// Annotations of the AuthorizationCode.
func (AuthorizationCode) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Session is a signed-in browser (the web app and the OAuth sign-in page), found by the
// digest of its cookie.
type Session struct{ ent.Schema }

// Mixin of the Session.
func (Session) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("digest").NotEmpty().Unique().Sensitive(),
		field.String("user_id").NotEmpty().Immutable(),
		field.String("user_agent").Default(""),
		field.Time("expires_at"),
		field.Time("last_seen_at").Optional().Nillable(),
	}
}

// Edges of the Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable(),
	}
}

// Annotations of the Session.
func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
