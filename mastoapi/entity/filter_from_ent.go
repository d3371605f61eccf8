package entity

import (
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/graph/filters"
)

// Filter renders a filter with its keywords and statuses, which must be loaded (as
// graph/filters loads them).
func (r *Renderer) Filter(f *ent.Filter) *Filter {
	out := filterOf(f)
	out.Keywords = make([]FilterKeyword, len(f.Edges.Keywords))
	for i, k := range f.Edges.Keywords {
		out.Keywords[i] = *r.FilterKeyword(k)
	}
	out.Statuses = make([]FilterStatus, len(f.Edges.Statuses))
	for i, s := range f.Edges.Statuses {
		out.Statuses[i] = *r.FilterStatus(s)
	}
	return out
}

// filterOf renders a filter without its keywords and statuses, as a FilterResult
// shows it.
func filterOf(f *ent.Filter) *Filter {
	return &Filter{
		ID:           f.ID,
		Title:        f.Title,
		Context:      append([]string{}, f.Context...),
		ExpiresAt:    NewTimePtr(f.ExpiresAt),
		FilterAction: strings.ToLower(string(f.Action)),
	}
}

// FilterKeyword renders a keyword.
func (r *Renderer) FilterKeyword(k *ent.FilterKeyword) *FilterKeyword {
	return &FilterKeyword{ID: k.ID, Keyword: k.Keyword, WholeWord: k.WholeWord}
}

// FilterStatus renders a filter's status entry.
func (r *Renderer) FilterStatus(s *ent.FilterStatus) *FilterStatus {
	return &FilterStatus{ID: s.ID, StatusID: s.StatusID}
}

// V1Filter renders a keyword, with its filter loaded, as a v1 filter.
func (r *Renderer) V1Filter(k *ent.FilterKeyword) *V1Filter {
	f := k.Edges.Filter
	return &V1Filter{
		ID:           k.ID,
		Phrase:       k.Keyword,
		Context:      append([]string{}, f.Context...),
		ExpiresAt:    NewTimePtr(f.ExpiresAt),
		Irreversible: f.Action == filter.ActionHIDE,
		WholeWord:    k.WholeWord,
	}
}

// filterResults renders the filters a status matched.
func filterResults(rs []filters.Result) []FilterResult {
	out := make([]FilterResult, len(rs))
	for i, m := range rs {
		out[i] = FilterResult{Filter: filterOf(m.Filter), KeywordMatches: m.KeywordMatches, StatusMatches: m.StatusMatches}
	}
	return out
}
