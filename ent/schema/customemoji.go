package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CustomEmoji is a :shortcode: image, uploaded by an admin or cached from a remote server.
type CustomEmoji struct{ ent.Schema }

// Mixin of the CustomEmoji.
func (CustomEmoji) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the CustomEmoji.
func (CustomEmoji) Fields() []ent.Field {
	return []ent.Field{
		field.String("shortcode").NotEmpty().MaxLen(100),
		field.String("domain").Default("").MaxLen(255),
		field.String("uri").Default("").Annotations(entgql.Skip()),
		field.String("image_path").Default("").Annotations(entgql.Skip()),
		field.String("static_path").Default("").Annotations(entgql.Skip()),
		field.String("image_remote_url").Default("").Annotations(entgql.Skip()),
		field.String("content_type").Default(""),
		field.Int64("image_size").Default(0),
		field.String("category").Default(""),
		field.Bool("visible_in_picker").Default(true),
		field.Bool("disabled").Default(false),
	}
}

// Indexes of the CustomEmoji.
func (CustomEmoji) Indexes() []ent.Index {
	return []ent.Index{index.Fields("shortcode", "domain").Unique()}
}
