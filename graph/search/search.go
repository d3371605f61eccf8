// Package search finds accounts and hashtags by name, and statuses by the words in
// them (full-text, scoped as Mastodon 4.2 scopes it: see Statuses). Search puts the
// three together with Mastodon's options; GraphQL's search field and the Mastodon API's
// /api/v2/search and /api/v1/accounts/search call it.
package search

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/text"
)

// AccountsAndTags returns accounts whose username or display name starts with the
// query (an @user@domain query matches that account exactly) and hashtags starting
// with it.
func AccountsAndTags(ctx context.Context, c *ent.Client, query string, limit int) ([]*ent.Account, []*ent.Tag, error) {
	accounts, err := Accounts(ctx, c, "", query, AccountOptions{Limit: limit})
	if err != nil {
		return nil, nil, err
	}
	tags, err := Hashtags(ctx, c, query, limit, 0)
	if err != nil {
		return nil, nil, err
	}
	return accounts, tags, nil
}

// AccountOptions narrow an account search.
type AccountOptions struct {
	Limit, Offset int
	// Following keeps only accounts the viewer follows.
	Following bool
}

// Accounts returns accounts whose username starts with the query or whose display
// name contains it, by username; an @user@domain query matches that account exactly.
// Suspended accounts are never found.
func Accounts(ctx context.Context, c *ent.Client, viewerID, query string, o AccountOptions) ([]*ent.Account, error) {
	q := strings.TrimSpace(query)
	if q == "" || (o.Following && viewerID == "") {
		return []*ent.Account{}, nil
	}
	name, domain, hasDomain := strings.Cut(strings.TrimPrefix(q, "@"), "@")
	aq := c.Account.Query().Where(account.SuspendedAtIsNil())
	if hasDomain {
		aq = aq.Where(account.UsernameEqualFold(name), account.DomainEqualFold(domain))
	} else {
		aq = aq.Where(account.Or(account.UsernameHasPrefix(strings.ToLower(name)), account.DisplayNameContainsFold(name)))
	}
	if o.Following {
		aq = aq.Where(func(s *sql.Selector) {
			s.Where(sql.In(s.C(account.FieldID), sql.Select(follow.FieldTargetAccountID).
				From(sql.Table(follow.Table)).Where(sql.EQ(follow.FieldAccountID, viewerID))))
		})
	}
	accounts, err := aq.Order(ent.Asc(account.FieldUsername), ent.Asc(account.FieldID)).
		Offset(o.Offset).Limit(o.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search accounts: %w", err)
	}
	return accounts, nil
}

// Hashtags returns the listable hashtags whose names start with the query (with or
// without '#'), by name. A query naming an account (@user@domain) finds none.
func Hashtags(ctx context.Context, c *ent.Client, query string, limit, offset int) ([]*ent.Tag, error) {
	q := strings.TrimSpace(query)
	t := text.NormalizeTag(strings.TrimPrefix(q, "#"))
	if t == "" || strings.Contains(strings.TrimPrefix(q, "@"), "@") {
		return []*ent.Tag{}, nil
	}
	tags, err := c.Tag.Query().Where(tag.NameHasPrefix(t), tag.Listable(true)).
		Order(ent.Asc(tag.FieldName)).Offset(offset).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search hashtags: %w", err)
	}
	return tags, nil
}
