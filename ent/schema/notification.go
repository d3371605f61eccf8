package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// NotificationTypes are the kinds of notification, named as GraphQL shows them.
var NotificationTypes = []string{
	"MENTION", "STATUS", "REBLOG", "FOLLOW", "FOLLOW_REQUEST", "FAVOURITE", "POLL",
	"UPDATE", "ADMIN_SIGN_UP", "ADMIN_REPORT",
}

// Notification tells an account that someone interacted with it.
type Notification struct{ ent.Schema }

// Mixin of the Notification.
func (Notification) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}} }

// Fields of the Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("type").Values(NotificationTypes...),
		field.String("account_id").NotEmpty().Immutable().Annotations(entgql.Skip()).
			Comment("the recipient"),
		field.String("from_account_id").NotEmpty().Immutable(),
		field.String("status_id").Optional().Nillable().Immutable(),
		field.String("report_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
		field.Bool("read").Default(false),
		field.String("group_key").Default("").Immutable().
			Comment("groups favourites and boosts of one status, and follows, that came close together (graph/notifications); empty for notifications that are never grouped"),
	}
}

// Edges of the Notification.
func (Notification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account", Account.Type).Field("account_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
		edge.To("from_account", Account.Type).Field("from_account_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("status", Status.Type).Field("status_id").Unique().Immutable().Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
		edge.To("report", Report.Type).Field("report_id").Unique().Immutable().Annotations(entgql.Skip()),
	}
}

// Indexes of the Notification: a recipient's notifications, newest first.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "id"),
		index.Fields("status_id"),
		index.Fields("account_id", "group_key"),
	}
}

// Annotations of the Notification.
func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
