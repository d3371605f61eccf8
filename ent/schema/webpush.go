package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// WebPushSubscription sends notifications of one access token's user to a browser or
// app push endpoint.
type WebPushSubscription struct{ ent.Schema }

// Mixin of the WebPushSubscription.
func (WebPushSubscription) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the WebPushSubscription.
func (WebPushSubscription) Fields() []ent.Field {
	return []ent.Field{
		field.String("token_id").NotEmpty().Unique().Immutable(),
		field.String("endpoint").NotEmpty(),
		field.String("key_p256dh").NotEmpty(),
		field.String("key_auth").NotEmpty(),
		// access_token is the bearer token the subscription was made with. Mastodon
		// puts it in each push so that an app signed in to several accounts knows
		// whose notification arrived; only a digest of it is kept in the tokens table,
		// so the subscription keeps its own copy, removed with the token.
		field.String("access_token").Default("").Sensitive(),
		// alerts are keyed by notification type as GraphQL names them (MENTION…).
		field.JSON("alerts", map[string]bool{}),
		field.Enum("policy").Values("ALL", "FOLLOWED", "FOLLOWER", "NONE").Default("ALL"),
	}
}

// Edges of the WebPushSubscription.
func (WebPushSubscription) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("token", Token.Type).Field("token_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Annotations of the WebPushSubscription.
func (WebPushSubscription) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
