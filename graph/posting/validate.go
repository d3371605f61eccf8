package posting

import (
	"strings"
	"time"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/text"
)

// minPollDuration and maxPollDuration are Mastodon's bounds on how long a poll runs.
const (
	minPollDuration = 5 * time.Minute
	maxPollDuration = 31 * 24 * time.Hour
)

// check validates a draft against the limits before anything is written.
func (l Limits) check(d *Draft) error {
	if strings.TrimSpace(d.Text) == "" && len(d.MediaIDs) == 0 && d.Poll == nil {
		return apperr.BadInputf("a status needs text, media or a poll")
	}
	if n := text.Length(d.Text) + text.Length(d.SpoilerText); l.MaxChars > 0 && n > l.MaxChars {
		return apperr.BadInputf("the status is %d characters long, more than the limit of %d", n, l.MaxChars)
	}
	if l.MaxMediaFiles >= 0 && len(d.MediaIDs) > l.MaxMediaFiles {
		return apperr.BadInputf("a status may have at most %d attachments", l.MaxMediaFiles)
	}
	if d.Poll != nil {
		if len(d.MediaIDs) > 0 {
			return apperr.BadInputf("a status cannot have both media and a poll")
		}
		if err := l.checkPoll(d.Poll); err != nil {
			return err
		}
	}
	if len(d.Language) > 16 {
		return apperr.BadInputf("language %q is not a language code", d.Language)
	}
	return nil
}

func (l Limits) checkPoll(p *PollDraft) error {
	if len(p.Options) < 2 {
		return apperr.BadInputf("a poll needs at least 2 options")
	}
	if l.PollMaxOptions > 0 && len(p.Options) > l.PollMaxOptions {
		return apperr.BadInputf("a poll may have at most %d options", l.PollMaxOptions)
	}
	seen := map[string]bool{}
	for _, o := range p.Options {
		o = strings.TrimSpace(o)
		if o == "" {
			return apperr.BadInputf("poll options cannot be empty")
		}
		if l.PollOptionMaxChars > 0 && text.Length(o) > l.PollOptionMaxChars {
			return apperr.BadInputf("poll option %q is longer than %d characters", o, l.PollOptionMaxChars)
		}
		if seen[o] {
			return apperr.BadInputf("poll option %q appears twice", o)
		}
		seen[o] = true
	}
	if p.ExpiresIn < minPollDuration || p.ExpiresIn > maxPollDuration {
		return apperr.BadInputf("a poll must run between 5 minutes and 31 days")
	}
	return nil
}
