package instance

import (
	"net/http"

	"github.com/fedigraph/fedigraph/graph/instance"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/text"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// v1 serves GET /api/v1/instance.
func (h *Handlers) v1(w http.ResponseWriter, r *http.Request) {
	f, err := h.facts(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.InstanceV1(f))
}

// v2 serves GET /api/v2/instance.
func (h *Handlers) v2(w http.ResponseWriter, r *http.Request) {
	f, err := h.facts(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, h.Renderer.InstanceV2(f))
}

// facts gathers what the instance entities say: the configured description and
// limits, and the numbers and rules stored.
func (h *Handlers) facts(r *http.Request) (entity.InstanceFacts, error) {
	ctx, c := r.Context(), h.Resolver.DB.Client
	stats, err := instance.Statistics(ctx, c, h.Resolver.Now())
	if err != nil {
		return entity.InstanceFacts{}, err
	}
	rules, err := instance.Rules(ctx, c)
	if err != nil {
		return entity.InstanceFacts{}, err
	}
	s := h.Resolver.Settings
	title := s.Title
	if title == "" {
		// Apps show the title as the server's name; an unnamed server goes by its domain.
		title = s.AccountDomain
	}
	conf := configuration(s.MaxStatusChars, s.MaxMediaFiles, s.PollMaxOptions, s.PollOptionMaxChars, h.mediaLimits())
	if h.Keys != nil {
		if conf.Vapid.PublicKey, err = h.Keys.PublicKey(ctx); err != nil {
			return entity.InstanceFacts{}, err
		}
	}
	return entity.InstanceFacts{
		Title:         title,
		Description:   s.Description,
		Languages:     s.Languages,
		Version:       instance.Version,
		Stats:         stats,
		Rules:         rules,
		Configuration: conf,
	}, nil
}

// mediaLimits are the limits graph/media enforces (Mastodon's defaults when the
// server stores no media).
func (h *Handlers) mediaLimits() instance.MediaLimits {
	m := instance.DefaultMediaLimits
	if svc := h.Resolver.Media; svc != nil {
		l := svc.Limits
		m.MIMETypes = media.AcceptedMIMETypes()
		m.DescriptionChars, m.ImageBytes, m.ImagePixels, m.VideoBytes =
			l.DescriptionMaxChars, l.ImageMaxBytes, int(l.MaxPixels), l.VideoMaxBytes
	}
	return m
}

// configuration states the limits graph/posting enforces, so that app composers
// refuse what the server would.
func configuration(maxChars, maxMedia, pollOptions, pollOptionChars int, m instance.MediaLimits) entity.InstanceConfiguration {
	return entity.InstanceConfiguration{
		Accounts: entity.AccountsConfiguration{MaxPinnedStatuses: interact.MaxPins},
		Statuses: entity.StatusesConfiguration{
			MaxCharacters:            maxChars,
			MaxMediaAttachments:      maxMedia,
			CharactersReservedPerURL: text.URLLength,
			SupportedMimeTypes:       instance.StatusMIMETypes,
		},
		MediaAttachments: entity.MediaConfiguration{
			SupportedMimeTypes: m.MIMETypes, DescriptionLimit: m.DescriptionChars,
			ImageSizeLimit: m.ImageBytes, ImageMatrixLimit: m.ImagePixels,
			VideoSizeLimit: m.VideoBytes, VideoFrameRateLimit: m.VideoFrameRate, VideoMatrixLimit: m.VideoPixels,
		},
		Polls: entity.PollsConfiguration{
			MaxOptions:             pollOptions,
			MaxCharactersPerOption: pollOptionChars,
			MinExpiration:          int(posting.MinPollDuration.Seconds()),
			MaxExpiration:          int(posting.MaxPollDuration.Seconds()),
		},
	}
}
