package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// MediaMeta holds the dimensions and other facts Mastodon clients show for a file.
type MediaMeta struct {
	Width         int     `json:"width,omitempty"`
	Height        int     `json:"height,omitempty"`
	Aspect        float64 `json:"aspect,omitempty"`
	Duration      float64 `json:"duration,omitempty"`
	PreviewWidth  int     `json:"previewWidth,omitempty"`
	PreviewHeight int     `json:"previewHeight,omitempty"`
}

// MediaAttachment is an uploaded or cached file: a status attachment, avatar or header.
type MediaAttachment struct{ ent.Schema }

// Mixin of the MediaAttachment.
func (MediaAttachment) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the MediaAttachment.
func (MediaAttachment) Fields() []ent.Field {
	return []ent.Field{
		field.String("account_id").NotEmpty().Immutable(),
		field.Enum("type").Values("IMAGE", "GIFV", "VIDEO", "AUDIO", "UNKNOWN").Default("UNKNOWN"),
		field.String("content_type").Default(""),
		field.Int64("file_size").Default(0),
		field.String("file_path").Default("").Annotations(entgql.Skip()),
		field.String("preview_path").Default("").Annotations(entgql.Skip()),
		field.String("remote_url").Default(""),
		field.String("preview_remote_url").Default("").Annotations(entgql.Skip()),
		field.Text("description").Default(""),
		field.String("blurhash").Default(""),
		field.JSON("meta", MediaMeta{}).Optional().Annotations(entgql.Skip()),
		field.Float("focus_x").Default(0),
		field.Float("focus_y").Default(0),
		field.Enum("processing").Values("PENDING", "PROCESSED", "FAILED").Default("PENDING"),
		field.Bool("cached").Default(false).Annotations(entgql.Skip()).
			Comment("a remote file is stored locally"),
		field.Enum("purpose").Values("ATTACHMENT", "AVATAR", "HEADER").Default("ATTACHMENT").
			Annotations(entgql.Skip()).
			Comment("what the file is for: a status attachment or a profile image"),
	}
}

// Edges of the MediaAttachment.
func (MediaAttachment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account", Account.Type).Field("account_id").Unique().Required().Immutable().
			Annotations(entgql.Skip()),
		edge.From("status", Status.Type).Ref("media").Unique().Annotations(entgql.Skip()),
	}
}

// Indexes of the MediaAttachment.
func (MediaAttachment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("account_id")}
}
