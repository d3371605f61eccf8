// Package search finds accounts and hashtags by name. Full-text search of statuses
// arrives with the Mastodon search API.
package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/text"
)

// AccountsAndTags returns accounts whose username or display name starts with the
// query (an @user@domain query matches that account exactly) and hashtags starting
// with it.
func AccountsAndTags(ctx context.Context, c *ent.Client, query string, limit int) ([]*ent.Account, []*ent.Tag, error) {
	q := strings.TrimSpace(query)
	if q == "" {
		return []*ent.Account{}, []*ent.Tag{}, nil
	}
	name, domain, hasDomain := strings.Cut(strings.TrimPrefix(q, "@"), "@")
	aq := c.Account.Query().Where(account.SuspendedAtIsNil())
	if hasDomain {
		aq = aq.Where(account.UsernameEqualFold(name), account.DomainEqualFold(domain))
	} else {
		aq = aq.Where(account.Or(account.UsernameHasPrefix(strings.ToLower(name)), account.DisplayNameContainsFold(name)))
	}
	accounts, err := aq.Order(ent.Asc(account.FieldUsername)).Limit(limit).All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("search accounts: %w", err)
	}
	tags := []*ent.Tag{}
	if t := text.NormalizeTag(strings.TrimPrefix(q, "#")); t != "" && !hasDomain {
		tags, err = c.Tag.Query().Where(tag.NameHasPrefix(t), tag.Listable(true)).
			Order(ent.Asc(tag.FieldName)).Limit(limit).All(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("search hashtags: %w", err)
		}
	}
	return accounts, tags, nil
}
