// Package instance answers what this server says about itself to visitors, apps and
// other servers: how many people and posts it has, how many servers it knows, its
// rules and its custom emoji.
package instance

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/customemoji"
	"github.com/fedigraph/fedigraph/ent/rule"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
)

// ActiveWindow is how recently a user must have signed in to count as active, as in
// Mastodon's "active users this month".
const ActiveWindow = 30 * 24 * time.Hour

// Stats are the instance's public numbers.
type Stats struct {
	Users       int // confirmed local users whose accounts are not suspended
	ActiveMonth int // those of them who signed in within ActiveWindow
	Statuses    int // statuses posted here
	Domains     int // other servers this one knows accounts on
}

// Statistics counts the instance's public numbers as of now.
func Statistics(ctx context.Context, c *ent.Client, now time.Time) (Stats, error) {
	var s Stats
	users := c.User.Query().Where(user.ConfirmedAtNotNil(), user.HasAccountWith(account.SuspendedAtIsNil()))
	var err error
	if s.Users, err = users.Clone().Count(ctx); err != nil {
		return Stats{}, fmt.Errorf("count users: %w", err)
	}
	if s.ActiveMonth, err = users.Where(user.LastSignInAtGTE(now.Add(-ActiveWindow))).Count(ctx); err != nil {
		return Stats{}, fmt.Errorf("count active users: %w", err)
	}
	if s.Statuses, err = c.Status.Query().Where(status.Local(true)).Count(ctx); err != nil {
		return Stats{}, fmt.Errorf("count statuses: %w", err)
	}
	domains, err := c.Account.Query().Where(account.DomainNEQ("")).
		Unique(true).Select(account.FieldDomain).Strings(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("count domains: %w", err)
	}
	s.Domains = len(domains)
	return s, nil
}

// Rules are the instance's rules in the order the operator gave them.
func Rules(ctx context.Context, c *ent.Client) ([]*ent.Rule, error) {
	rs, err := c.Rule.Query().Order(ent.Asc(rule.FieldPosition), ent.Asc(rule.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	return rs, nil
}

// CustomEmojis are the emoji uploaded to this instance and not disabled, by
// shortcode: the ones its users can type. Emoji cached from other servers are not
// among them.
func CustomEmojis(ctx context.Context, c *ent.Client) ([]*ent.CustomEmoji, error) {
	es, err := c.CustomEmoji.Query().
		Where(customemoji.Domain(""), customemoji.Disabled(false)).
		Order(ent.Asc(customemoji.FieldShortcode)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load custom emoji: %w", err)
	}
	return es, nil
}
