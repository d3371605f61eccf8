package graph

import (
	"time"

	"github.com/fedigraph/fedigraph/ent/status"
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
