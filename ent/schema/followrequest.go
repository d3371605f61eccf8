package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// FollowRequest is a follow waiting for a locked account's approval.
type FollowRequest struct{ ent.Schema }

// Mixin of the FollowRequest.
func (FollowRequest) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the FollowRequest.
func (FollowRequest) Fields() []ent.Field {
	return append(pairFields(accountRef, targetAccountRef),
		field.String("uri").Default("").Annotations(entgql.Skip()),
		field.Bool("show_reblogs").Default(true),
		field.Bool("notify").Default(false),
	)
}

// Edges of the FollowRequest.
func (FollowRequest) Edges() []ent.Edge { return pairEdges(accountRef, targetAccountRef) }

// Indexes of the FollowRequest.
func (FollowRequest) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "target_account_id").Unique(),
		index.Fields("target_account_id", "id"),
	}
}

// Annotations of the FollowRequest.
func (FollowRequest) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
