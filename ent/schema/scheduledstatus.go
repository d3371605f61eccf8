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

// ScheduledStatusParams is a status to post later, as its author wrote it (the
// author's defaults already applied).
type ScheduledStatusParams struct {
	Text          string               `json:"text"`
	ContentType   string               `json:"content_type,omitempty"`
	SpoilerText   string               `json:"spoiler_text,omitempty"`
	Sensitive     bool                 `json:"sensitive,omitempty"`
	Language      string               `json:"language,omitempty"`
	Visibility    string               `json:"visibility"`
	LocalOnly     bool                 `json:"local_only,omitempty"`
	InReplyToID   string               `json:"in_reply_to_id,omitempty"`
	MediaIDs      []string             `json:"media_ids,omitempty"`
	Poll          *ScheduledStatusPoll `json:"poll,omitempty"`
	ApplicationID string               `json:"application_id,omitempty"`
}

// ScheduledStatusPoll is the poll of a scheduled status.
type ScheduledStatusPoll struct {
	Options          []string `json:"options"`
	ExpiresInSeconds int      `json:"expires_in"`
	Multiple         bool     `json:"multiple,omitempty"`
	HideTotals       bool     `json:"hide_totals,omitempty"`
}

// ScheduledStatus is a status its author asked to be posted at a later time; a job
// posts it then and removes the row.
type ScheduledStatus struct{ ent.Schema }

// Mixin of the ScheduledStatus.
func (ScheduledStatus) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the ScheduledStatus.
func (ScheduledStatus) Fields() []ent.Field {
	return []ent.Field{
		field.String("account_id").NotEmpty().Immutable(),
		field.Time("scheduled_at"),
		field.JSON("params", ScheduledStatusParams{}),
	}
}

// Edges of the ScheduledStatus.
func (ScheduledStatus) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account", Account.Type).Field("account_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the ScheduledStatus: an account's, in order.
func (ScheduledStatus) Indexes() []ent.Index {
	return []ent.Index{index.Fields("account_id", "id")}
}

// Annotations of the ScheduledStatus.
func (ScheduledStatus) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
