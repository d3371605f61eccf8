package filters

import (
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// The v1 API shows each keyword as a filter of its own (phrase, context, expiry,
// irreversible for a filter that hides, whole_word); creating one makes a filter
// titled after its one keyword.

// listV1 serves GET /api/v1/filters: every keyword of every filter of the viewer.
func (h *Handlers) listV1(w http.ResponseWriter, r *http.Request) {
	account, _ := ids(r)
	fs, err := h.Resolver.Filters.List(r.Context(), account)
	out := []*entity.V1Filter{}
	for _, f := range fs {
		for _, k := range f.Edges.Keywords {
			k.Edges.Filter = f
			out = append(out, h.Renderer.V1Filter(k))
		}
	}
	answer(w, r, out, err)
}

// getV1 serves GET /api/v1/filters/:id, the ID being a keyword's.
func (h *Handlers) getV1(w http.ResponseWriter, r *http.Request) {
	account, id := ids(r)
	k, err := h.Resolver.Filters.Keyword(r.Context(), account, id)
	h.v1Filter(w, r, k, err)
}

// createV1 serves POST /api/v1/filters with phrase, context[], irreversible,
// whole_word and expires_in.
func (h *Handlers) createV1(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	in, err := readV1Input(v)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	phrase := v.Get("phrase")
	in.Title = &phrase
	in.Keywords = []filters.KeywordInput{{Keyword: &phrase, WholeWord: v.Bool("whole_word")}}
	account, _ := ids(r)
	ctx := r.Context()
	f, err := h.Resolver.Filters.Create(ctx, account, in)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	k := f.Edges.Keywords[0]
	k.Edges.Filter = f
	h.v1Filter(w, r, k, nil)
}

// updateV1 serves PUT /api/v1/filters/:id: the keyword takes phrase and whole_word,
// its filter context, irreversible and expires_in (refused when the filter has other
// keywords, which the change would reach too).
func (h *Handlers) updateV1(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	in, err := readV1Input(v)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	kw := filters.KeywordInput{Keyword: v.Optional("phrase"), WholeWord: v.Bool("whole_word")}
	account, id := ids(r)
	k, err := h.Resolver.Filters.UpdateKeywordAndFilter(r.Context(), account, id, kw, in)
	h.v1Filter(w, r, k, err)
}

// readV1Input reads what a v1 filter sets on the filter around its keyword.
func readV1Input(v params.Values) (filters.Input, error) {
	in := filters.Input{Context: v.Strings("context")}
	if irreversible := v.Bool("irreversible"); irreversible != nil {
		action := filter.ActionWARN
		if *irreversible {
			action = filter.ActionHIDE
		}
		in.Action = &action
	}
	var err error
	in.ExpiresIn, err = readExpiresIn(v)
	return in, err
}

// v1Filter answers one keyword, with its filter loaded, as a v1 filter.
func (h *Handlers) v1Filter(w http.ResponseWriter, r *http.Request, k *ent.FilterKeyword, err error) {
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.V1Filter(k))
}
