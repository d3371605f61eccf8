package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
)

// InstanceSetting is one operator-editable setting of this instance (title, contact,
// terms…) that overrides configuration at run time without a restart.
type InstanceSetting struct{ ent.Schema }

// Mixin of the InstanceSetting.
func (InstanceSetting) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the InstanceSetting.
func (InstanceSetting) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").NotEmpty().Unique().MaxLen(100),
		field.Text("value").Default(""),
	}
}

// Annotations of the InstanceSetting.
func (InstanceSetting) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// RemoteInstance is what fedigraph knows of another server: its software, and whether
// deliveries to it succeed, so that dead servers stop costing work.
type RemoteInstance struct{ ent.Schema }

// Mixin of the RemoteInstance.
func (RemoteInstance) Mixin() []ent.Mixin { return []ent.Mixin{IDMixin{}, TimeMixin{}} }

// Fields of the RemoteInstance.
func (RemoteInstance) Fields() []ent.Field {
	return []ent.Field{
		field.String("domain").NotEmpty().Unique().MaxLen(255),
		field.String("software").Default(""),
		field.String("version").Default(""),
		field.String("title").Default(""),
		field.Time("last_success_at").Optional().Nillable(),
		field.Time("last_failure_at").Optional().Nillable(),
		field.Int("consecutive_failures").Default(0),
	}
}

// Annotations of the RemoteInstance.
func (RemoteInstance) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
