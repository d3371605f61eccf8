package reports

import (
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// Report is a report the user filed (docs.joinmastodon.org/entities/Report).
type Report struct {
	ID            string          `json:"id"`
	ActionTaken   bool            `json:"action_taken"`
	ActionTakenAt *entity.Time    `json:"action_taken_at"`
	Category      string          `json:"category"` // spam, legal, violation or other
	Comment       string          `json:"comment"`
	Forwarded     bool            `json:"forwarded"`
	CreatedAt     entity.Time     `json:"created_at"`
	StatusIDs     []string        `json:"status_ids"`
	RuleIDs       []string        `json:"rule_ids"` // null when no rules were named, as on Mastodon
	TargetAccount *entity.Account `json:"target_account"`
}

// reportOf renders a report about the (rendered) target account.
func reportOf(r *ent.Report, target *entity.Account) *Report {
	out := &Report{
		ID:            r.ID,
		ActionTaken:   r.ActionTakenAt != nil,
		ActionTakenAt: entity.NewTimePtr(r.ActionTakenAt),
		Category:      strings.ToLower(string(r.Category)),
		Comment:       r.Comment,
		Forwarded:     r.Forwarded,
		CreatedAt:     entity.NewTime(r.CreatedAt),
		StatusIDs:     append([]string{}, r.StatusIds...),
		TargetAccount: target,
	}
	if len(r.RuleIds) > 0 {
		out.RuleIDs = r.RuleIds
	}
	return out
}
