package entity

import (
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/instance"
)

// SourceURL is where fedigraph's source code is published, as the AGPL asks servers
// to say.
const SourceURL = "https://github.com/fedigraph/fedigraph"

// InstanceFacts are what the instance entities say, gathered by the caller: the
// configured description and limits, and the numbers and rules graph/instance reads.
type InstanceFacts struct {
	Title, Description string
	Languages          []string
	Version            string // Mastodon-compatible, such as "4.3.0 (compatible; fedigraph 0.1)"
	Stats              instance.Stats
	Rules              []*ent.Rule
	// Configuration holds the limits; its URLs are filled in from the Renderer's
	// settings.
	Configuration InstanceConfiguration
}

// InstanceV2 renders the current description of the server. Sign-ups are closed
// through the API (accounts are made by the operator) and nobody is named as the
// contact.
func (r *Renderer) InstanceV2(f InstanceFacts) *InstanceV2 {
	out := &InstanceV2{
		Domain:        r.Settings.AccountDomain,
		Title:         f.Title,
		Version:       f.Version,
		SourceURL:     SourceURL,
		Description:   f.Description,
		Thumbnail:     InstanceThumbnail{URL: r.thumbnailURL()},
		Icon:          []InstanceIcon{},
		Languages:     languages(f.Languages),
		Configuration: f.Configuration,
		APIVersions:   map[string]int{"mastodon": 2},
		Rules:         r.Rules(f.Rules),
	}
	out.Usage.Users.ActiveMonth = f.Stats.ActiveMonth
	out.Configuration.URLs = InstanceURLs{Streaming: r.streamingURL()}
	return out
}

// InstanceV1 renders the older description of the server.
func (r *Renderer) InstanceV1(f InstanceFacts) *InstanceV1 {
	thumbnail := r.thumbnailURL()
	return &InstanceV1{
		URI:              r.Settings.AccountDomain,
		Title:            f.Title,
		ShortDescription: f.Description,
		Description:      f.Description,
		Version:          f.Version,
		URLs:             InstanceV1URLs{StreamingAPI: r.streamingURL()},
		Stats: InstanceStats{
			UserCount: f.Stats.Users, StatusCount: f.Stats.Statuses, DomainCount: f.Stats.Domains,
		},
		Thumbnail: &thumbnail,
		Languages: languages(f.Languages),
		Configuration: InstanceV1Configuration{
			Accounts:         f.Configuration.Accounts,
			Statuses:         f.Configuration.Statuses,
			MediaAttachments: f.Configuration.MediaAttachments,
			Polls:            f.Configuration.Polls,
		},
		Rules: r.Rules(f.Rules),
	}
}

// Rules renders the server's rules in the order given.
func (r *Renderer) Rules(rs []*ent.Rule) []Rule {
	out := make([]Rule, len(rs))
	for i, rule := range rs {
		// Clients treat rule IDs as opaque keys, so ULIDs serve as well as numbers.
		out[i] = Rule{ID: rule.ID, Text: rule.Text, Hint: rule.Hint}
	}
	return out
}

// streamingURL is the websocket root apps open /api/v1/streaming on: this server.
func (r *Renderer) streamingURL() string {
	base := r.Settings.URIs.Base()
	if rest, ok := strings.CutPrefix(base, "https://"); ok {
		return "wss://" + rest
	}
	return "ws://" + strings.TrimPrefix(base, "http://")
}

// thumbnailURL is the image apps show for the server: the default header until the
// operator can upload one.
func (r *Renderer) thumbnailURL() string { return r.Settings.URIs.Base() + DefaultHeaderPath }

// languages is never null: apps index into it.
func languages(ls []string) []string {
	if ls == nil {
		return []string{}
	}
	return ls
}
