package reports

import (
	"net/http"
	"strings"

	"github.com/fedigraph/fedigraph/ent/report"
	"github.com/fedigraph/fedigraph/graph/reports"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// create serves POST /api/v1/reports: account_id, status_ids[], comment, category
// (spam, legal, violation, other), rule_ids[] and forward. forward_to_domains is not
// supported (a copy, when asked for, would go to the account's own server only).
func (h *Handlers) create(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	rep, err := h.Resolver.Reports.Create(ctx, access.AccountID(ctx), reports.NewReport{
		TargetID:  v.Get("account_id"),
		StatusIDs: v.IDs("status_ids"),
		Comment:   v.Get("comment"),
		Category:  report.Category(strings.ToUpper(strings.TrimSpace(v.Get("category")))),
		RuleIDs:   v.IDs("rule_ids"),
		Forward:   v.True("forward"),
	})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	target, err := h.Resolver.DB.Account.Get(ctx, rep.TargetAccountID)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out, err := h.Renderer.Account(ctx, target)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, reportOf(rep, out))
}
