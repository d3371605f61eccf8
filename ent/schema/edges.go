package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Most relations in the model point from a row to the account that owns it and, for
// relationships, to the account it is about. These constructors keep those edges alike.

// cascade deletes a row together with the row it refers to: a follow goes with either
// account, a favourite with its status. The database does it, so no code path can
// forget a dependent table.
var cascade = entsql.OnDelete(entsql.Cascade)

// accountRef is the owner column and edge: the account that did or owns the thing.
func accountRef() (ent.Field, ent.Edge) {
	return field.String("account_id").NotEmpty().Immutable(),
		edge.To("account", Account.Type).Field("account_id").Unique().Required().Immutable().
			Annotations(cascade)
}

// targetAccountRef is the column and edge of the account a relationship is about.
func targetAccountRef() (ent.Field, ent.Edge) {
	return field.String("target_account_id").NotEmpty().Immutable(),
		edge.To("target_account", Account.Type).Field("target_account_id").Unique().Required().Immutable().
			Annotations(cascade)
}

// statusRef is the column and edge of the status a row is about.
func statusRef() (ent.Field, ent.Edge) {
	return field.String("status_id").NotEmpty().Immutable(),
		edge.To("status", Status.Type).Field("status_id").Unique().Required().Immutable().
			Annotations(cascade)
}

// pairFields collects the fields of several refs, for Fields().
func pairFields(refs ...func() (ent.Field, ent.Edge)) []ent.Field {
	fs := make([]ent.Field, 0, len(refs))
	for _, r := range refs {
		f, _ := r()
		fs = append(fs, f)
	}
	return fs
}

// pairEdges collects the edges of several refs, for Edges().
func pairEdges(refs ...func() (ent.Field, ent.Edge)) []ent.Edge {
	es := make([]ent.Edge, 0, len(refs))
	for _, r := range refs {
		_, e := r()
		es = append(es, e)
	}
	return es
}

// statusBackRef is statusRef for rows the Status schema lists as an edge of its own
// (mentions, favourites), so both sides share one foreign key.
func statusBackRef(ref string) func() (ent.Field, ent.Edge) {
	return func() (ent.Field, ent.Edge) {
		return field.String("status_id").NotEmpty().Immutable(),
			edge.From("status", Status.Type).Ref(ref).Field("status_id").Unique().Required().Immutable()
	}
}

// tagRef is the column and edge of the hashtag a row is about.
func tagRef() (ent.Field, ent.Edge) {
	return field.String("tag_id").NotEmpty().Immutable(),
		edge.To("tag", Tag.Type).Field("tag_id").Unique().Required().Immutable().
			Annotations(cascade)
}

// listRef is the column and edge of the list a row belongs to.
func listRef() (ent.Field, ent.Edge) {
	return field.String("list_id").NotEmpty().Immutable(),
		edge.From("list", List.Type).Ref("members").Field("list_id").Unique().Required().Immutable().
			Annotations(cascade)
}

// filterRef is the column and edge of the filter a keyword or status belongs to.
func filterRef(ref string) func() (ent.Field, ent.Edge) {
	return func() (ent.Field, ent.Edge) {
		return field.String("filter_id").NotEmpty().Immutable(),
			edge.From("filter", Filter.Type).Ref(ref).Field("filter_id").Unique().Required().Immutable()
	}
}

// pollRef is the column and edge of the poll a vote is for.
func pollRef() (ent.Field, ent.Edge) {
	return field.String("poll_id").NotEmpty().Immutable(),
		edge.From("poll", Poll.Type).Ref("votes").Field("poll_id").Unique().Required().Immutable().
			Annotations(cascade)
}
