package entity

import (
	"context"
	"fmt"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/text"
)

// pushBodyLength is where a push's body is cut, as Mastodon cuts it.
const pushBodyLength = 140

// PushPayload renders the push of n for the holder of accessToken, whose language is
// locale: the title says who did what, the body quotes the status (its content
// warning, if it has one) or, for follows, the follower's bio.
func (r *Renderer) PushPayload(ctx context.Context, accessToken, locale string, n *ent.Notification) (*PushPayload, error) {
	from, err := r.DB.Account.Get(ctx, n.FromAccountID)
	if err != nil {
		return nil, fmt.Errorf("render push: load account: %w", err)
	}
	rendered, err := r.Accounts(ctx, []*ent.Account{from})
	if err != nil {
		return nil, err
	}
	a := rendered[0]
	name := from.DisplayName
	if name == "" {
		name = from.Username
	}
	title, ok := pushTitles[n.Type]
	if !ok {
		title = "%s"
	}
	body := text.PlainText(from.Note)
	if n.StatusID != nil {
		st, err := r.DB.Status.Get(ctx, *n.StatusID)
		if err != nil && !ent.IsNotFound(err) {
			return nil, fmt.Errorf("render push: load status: %w", err)
		}
		switch {
		case st == nil:
		case st.SpoilerText != "":
			body = st.SpoilerText
		case st.Text != "":
			body = st.Text
		default:
			body = text.PlainText(st.Content)
		}
	}
	if locale == "" {
		locale = "en"
	}
	return &PushPayload{
		AccessToken:      accessToken,
		PreferredLocale:  locale,
		NotificationID:   n.ID,
		NotificationType: NotificationTypeName(n.Type),
		Icon:             a.AvatarStatic,
		Title:            fmt.Sprintf(title, name),
		Body:             truncate(strings.TrimSpace(body), pushBodyLength),
	}, nil
}

// truncate cuts s to at most n characters, ending a cut text with "…".
func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}
