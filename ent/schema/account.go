package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AccountField is one name/value pair of a profile's metadata table.
type AccountField struct {
	Name       string     `json:"name"`
	Value      string     `json:"value"`
	VerifiedAt *time.Time `json:"verifiedAt,omitempty"`
}

// Account is an actor, local or remote. Local accounts have a User and a private key.
type Account struct{ ent.Schema }

// Mixin of the Account.
func (Account) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the Account.
func (Account) Fields() []ent.Field {
	return []ent.Field{
		field.String("username").NotEmpty().MaxLen(255),
		field.String("domain").Default("").MaxLen(255).
			Comment("empty for local accounts"),
		field.String("display_name").Default("").MaxLen(1000),
		field.Text("note").Default("").Comment("profile bio as sanitized HTML"),
		field.Text("note_source").Default("").Annotations(entgql.Skip()).
			Comment("the bio as the user typed it; shown only to its owner"),
		field.JSON("fields", []AccountField{}).Optional().Annotations(entgql.Skip()),
		field.Bool("locked").Default(false).
			Comment("follow requests need approval"),
		field.Bool("discoverable").Default(false),
		field.Bool("indexable").Default(false).
			Comment("public posts may appear in full-text search"),
		field.Bool("bot").Default(false),
		field.Enum("actor_type").Values("PERSON", "SERVICE", "APPLICATION", "GROUP", "ORGANIZATION").Default("PERSON"),
		field.Bool("hide_collections").Default(false).
			Comment("hide followers/following lists from others"),
		field.String("uri").NotEmpty().Unique().Annotations(entgql.Skip()),
		field.String("url").Default(""),
		field.String("inbox_uri").Default("").Annotations(entgql.Skip()),
		field.String("shared_inbox_uri").Default("").Annotations(entgql.Skip()),
		field.String("outbox_uri").Default("").Annotations(entgql.Skip()),
		field.String("followers_uri").Default("").Annotations(entgql.Skip()),
		field.String("following_uri").Default("").Annotations(entgql.Skip()),
		field.String("featured_uri").Default("").Annotations(entgql.Skip()),
		field.String("public_key_uri").Default("").Annotations(entgql.Skip()),
		field.Text("public_key").Default("").Annotations(entgql.Skip()),
		field.Text("private_key").Default("").Sensitive().Annotations(entgql.Skip()),
		field.Time("fetched_at").Optional().Nillable().Annotations(entgql.Skip()).
			Comment("last time a remote account was refreshed from its server"),
		field.Time("suspended_at").Optional().Nillable().Annotations(entgql.Skip()),
		field.Time("silenced_at").Optional().Nillable().Annotations(entgql.Skip()),
		field.Bool("memorial").Default(false),
		field.String("moved_to_id").Optional().Nillable().Annotations(entgql.Skip()).
			Comment("the account this one moved to; a plain column, since a self-referencing unique edge would be one-to-one"),
		field.JSON("also_known_as", []string{}).Optional().Annotations(entgql.Skip()),
		field.String("avatar_id").Optional().Nillable().Annotations(entgql.Skip()),
		field.String("header_id").Optional().Nillable().Annotations(entgql.Skip()),
		// Counters are kept in step by the domain functions that create and delete the
		// rows they count, so timelines do not issue a COUNT per account.
		field.Int("followers_count").Default(0),
		field.Int("following_count").Default(0),
		field.Int("statuses_count").Default(0),
		field.Time("last_status_at").Optional().Nillable(),
	}
}

// Edges of the Account.
func (Account) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Unique().Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
		edge.To("statuses", Status.Type).Annotations(entgql.Skip(), entsql.OnDelete(entsql.Cascade)),
		edge.To("avatar", MediaAttachment.Type).Field("avatar_id").Unique().Annotations(entgql.Skip()),
		edge.To("header", MediaAttachment.Type).Field("header_id").Unique().Annotations(entgql.Skip()),
		edge.To("emojis", CustomEmoji.Type).Annotations(entgql.Skip()),
	}
}

// Indexes of the Account.
func (Account) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("username", "domain").Unique(),
		index.Fields("domain"),
	}
}

// Annotations of the Account.
func (Account) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
