package entity

import (
	"strconv"

	"github.com/fedigraph/fedigraph/ent"
)

// ScheduledStatus is a status that will be posted later
// (docs.joinmastodon.org/entities/ScheduledStatus).
type ScheduledStatus struct {
	ID               string                `json:"id"`
	ScheduledAt      Time                  `json:"scheduled_at"`
	Params           ScheduledStatusParams `json:"params"`
	MediaAttachments []MediaAttachment     `json:"media_attachments"`
}

// ScheduledStatusParams are the parameters the status will be posted with.
type ScheduledStatusParams struct {
	Text          string               `json:"text"`
	Poll          *ScheduledStatusPoll `json:"poll"`
	MediaIDs      []string             `json:"media_ids"`
	Sensitive     *bool                `json:"sensitive"`
	SpoilerText   *string              `json:"spoiler_text"`
	Visibility    string               `json:"visibility"`
	InReplyToID   *string              `json:"in_reply_to_id"`
	Language      *string              `json:"language"`
	ApplicationID *string              `json:"application_id"`
	ScheduledAt   *Time                `json:"scheduled_at"`
	Idempotency   *string              `json:"idempotency"`
	WithRateLimit bool                 `json:"with_rate_limit"`
}

// ScheduledStatusPoll is the poll the status will be posted with.
type ScheduledStatusPoll struct {
	Options []string `json:"options"`
	// ExpiresIn is in seconds, a string as Mastodon shows it.
	ExpiresIn  string `json:"expires_in"`
	Multiple   bool   `json:"multiple"`
	HideTotals bool   `json:"hide_totals"`
}

// ScheduledStatus renders one of the viewer's scheduled statuses. Media cannot be
// attached before it is posted yet, so media_attachments is empty.
func (r *Renderer) ScheduledStatus(s *ent.ScheduledStatus) *ScheduledStatus {
	p := s.Params
	out := &ScheduledStatus{
		ID: s.ID, ScheduledAt: NewTime(s.ScheduledAt), MediaAttachments: []MediaAttachment{},
		Params: ScheduledStatusParams{
			Text: p.Text, MediaIDs: p.MediaIDs, Sensitive: &p.Sensitive,
			Visibility: VisibilityName(p.Visibility),
		},
	}
	optional := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	out.Params.SpoilerText = optional(p.SpoilerText)
	out.Params.InReplyToID = optional(p.InReplyToID)
	out.Params.Language = optional(p.Language)
	out.Params.ApplicationID = optional(p.ApplicationID)
	if p.Poll != nil {
		out.Params.Poll = &ScheduledStatusPoll{
			Options: p.Poll.Options, ExpiresIn: strconv.Itoa(p.Poll.ExpiresInSeconds),
			Multiple: p.Poll.Multiple, HideTotals: p.Poll.HideTotals,
		}
	}
	return out
}
