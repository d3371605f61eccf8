package graph

import (
	"context"
	"time"

	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/model"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/text"
)

// draftOf translates GraphQL status input into a posting.Draft.
func draftOf(src string, ct *status.ContentType, spoiler *string, sensitive *bool, language *string, mediaIDs []string, poll *model.PollInput) posting.Draft {
	d := posting.Draft{
		Text:        src,
		SpoilerText: deref(spoiler),
		Sensitive:   sensitive,
		Language:    deref(language),
		MediaIDs:    mediaIDs,
	}
	if ct != nil {
		d.ContentType = text.Plain
		if *ct == status.ContentTypeMARKDOWN {
			d.ContentType = text.Markdown
		}
	}
	if poll != nil {
		d.Poll = &posting.PollDraft{
			Options:    poll.Options,
			ExpiresIn:  time.Duration(poll.ExpiresIn) * time.Second,
			Multiple:   isTrue(poll.Multiple),
			HideTotals: isTrue(poll.HideTotals),
		}
	}
	return d
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// newStatusOf reads createStatus's input (and scheduleStatus's) as posting takes it.
func newStatusOf(ctx context.Context, input model.CreateStatusInput) posting.NewStatus {
	in := posting.NewStatus{
		Draft:          draftOf(input.Text, input.ContentType, input.SpoilerText, input.Sensitive, input.Language, input.MediaIDs, input.Poll),
		LocalOnly:      isTrue(input.LocalOnly),
		InReplyToID:    deref(input.InReplyToID),
		IdempotencyKey: deref(input.IdempotencyKey),
	}
	if input.Visibility != nil {
		in.Visibility = *input.Visibility
	}
	if v := auth.FromContext(ctx); v != nil {
		in.ApplicationID = v.AppID
	}
	return in
}
