package oauth

import (
	"strings"

	"github.com/fedigraph/fedigraph/ent"
)

// applicationJSON is Mastodon's Application entity.
type applicationJSON struct {
	ID                    string   `json:"id"`
	Name                  string   `json:"name"`
	Website               *string  `json:"website"`
	Scopes                []string `json:"scopes"`
	RedirectURI           string   `json:"redirect_uri"`
	RedirectURIs          []string `json:"redirect_uris"`
	ClientID              string   `json:"client_id,omitempty"`
	ClientSecret          string   `json:"client_secret,omitempty"`
	ClientSecretExpiresAt *int     `json:"client_secret_expires_at,omitempty"`
	VapidKey              string   `json:"vapid_key"`
}

// newApplicationJSON renders an app; the client credentials only when it is created,
// as Mastodon shows them only then.
func newApplicationJSON(app *ent.Application, withCredentials bool) applicationJSON {
	scopes := strings.Fields(app.Scopes)
	out := applicationJSON{
		ID:           app.ID,
		Name:         app.Name,
		Scopes:       scopes,
		RedirectURI:  strings.Join(app.RedirectUris, "\n"),
		RedirectURIs: app.RedirectUris,
	}
	if out.Scopes == nil {
		out.Scopes = []string{}
	}
	if app.Website != "" {
		out.Website = &app.Website
	}
	if withCredentials {
		never := 0
		out.ClientID, out.ClientSecret, out.ClientSecretExpiresAt = app.ClientID, app.ClientSecret, &never
	}
	return out
}
