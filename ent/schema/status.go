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

// Visibilities a status can have, named as GraphQL shows them. FOLLOWERS_ONLY is
// Mastodon's "private".
var Visibilities = []string{"PUBLIC", "UNLISTED", "FOLLOWERS_ONLY", "MUTUALS_ONLY", "DIRECT"}

// Status is a post, a reply or a boost. A boost has reblog_of set and no content.
type Status struct{ ent.Schema }

// Mixin of the Status.
func (Status) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the Status.
func (Status) Fields() []ent.Field {
	return []ent.Field{
		field.String("uri").NotEmpty().Unique(),
		field.String("url").Default(""),
		field.Text("content").Default("").Comment("sanitized HTML"),
		field.Text("text").Default("").Annotations(entgql.Skip()).
			Comment("source as typed; local statuses only"),
		field.Enum("content_type").Values("PLAIN", "MARKDOWN").Default("PLAIN"),
		field.Text("spoiler_text").Default(""),
		field.Bool("sensitive").Default(false),
		field.String("language").Default(""),
		field.Enum("visibility").Values(Visibilities...).Default("PUBLIC"),
		field.Bool("local_only").Default(false).
			Comment("never federated; shown only to signed-in local accounts"),
		field.Bool("local").Default(true).Annotations(entgql.Skip()).
			Comment("authored on this instance"),
		field.String("account_id").NotEmpty().Immutable(),
		field.String("in_reply_to_id").Optional().Nillable(),
		field.String("in_reply_to_account_id").Optional().Nillable(),
		field.String("reblog_of_id").Optional().Nillable().Immutable().Annotations(entgql.Skip()),
		field.String("thread_id").Default("").Annotations(entgql.Skip()).
			Comment("ID of the root of the reply tree, for conversation mutes"),
		field.String("application_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.String("object_type").Default("Note").Annotations(entgql.Skip()).
			Comment("ActivityStreams type of a remote object (Note, Article, Page, Question)"),
		field.Time("edited_at").Optional().Nillable(),
		field.Int("replies_count").Default(0),
		field.Int("reblogs_count").Default(0),
		field.Int("favourites_count").Default(0),
	}
}

// Edges of the Status.
func (Status) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("statuses").Field("account_id").
			Unique().Required().Immutable().Annotations(entgql.Skip()),
		edge.To("replies", Status.Type).Annotations(entgql.Skip()).
			From("in_reply_to").Field("in_reply_to_id").Unique().Annotations(entgql.Skip()),
		edge.To("in_reply_to_account", Account.Type).Field("in_reply_to_account_id").
			Unique().Annotations(entgql.Skip()),
		edge.To("reblogs", Status.Type).Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)).
			From("reblog_of").Field("reblog_of_id").Unique().Immutable().Annotations(entgql.Skip()),
		edge.To("application", Application.Type).Field("application_id").Unique().Annotations(entgql.Skip()),
		edge.To("mentions", Mention.Type).Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
		edge.To("tags", Tag.Type).Through("status_tags", StatusTag.Type).Annotations(entgql.Skip()),
		edge.To("media", MediaAttachment.Type).Annotations(entgql.Skip()),
		edge.To("emojis", CustomEmoji.Type).Annotations(entgql.Skip()),
		edge.To("poll", Poll.Type).Unique().Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
		edge.To("edits", StatusEdit.Type).Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
		edge.To("favourites", Favourite.Type).Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the Status serve the timeline queries: an author's statuses, the public
// timeline, the local and remote ones, replies in a thread, and boosts of a status.
// Each lets the database walk a timeline newest first and stop after one page
// (graph/timeline's plan test checks that SQLite does).
func (Status) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "id"),
		index.Fields("visibility", "id"),
		index.Fields("visibility", "local", "id"),
		index.Fields("in_reply_to_id"),
		index.Fields("thread_id"),
		index.Fields("reblog_of_id", "account_id").Unique(),
	}
}

// Annotations of the Status.
func (Status) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
