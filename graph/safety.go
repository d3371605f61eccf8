package graph

import (
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/graph/model"
)

// Page sizes of the lists behind the safety features (followed hashtags, domain
// blocks), as Mastodon has them: lists people keep long and rarely page through.
var (
	followedTagsLimits = struct{ Default, Max int }{Default: 100, Max: 200}
	domainBlocksLimits = struct{ Default, Max int }{Default: 100, Max: 200}
)

// filterInputOf translates the GraphQL filter input for graph/filters.
func filterInputOf(in model.FilterInput) filters.Input {
	out := filters.Input{Title: in.Title, Context: in.Context, Action: in.Action, ExpiresIn: in.ExpiresIn}
	for _, k := range in.Keywords {
		out.Keywords = append(out.Keywords, filters.KeywordInput{
			ID: deref(k.ID), Keyword: k.Keyword, WholeWord: k.WholeWord, Destroy: isTrue(k.Destroy),
		})
	}
	return out
}
