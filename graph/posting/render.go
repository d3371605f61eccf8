package posting

import (
	"context"
	"fmt"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/tag"
	"github.com/fedigraph/fedigraph/graph/text"
)

// rendered is a draft's text as HTML plus the accounts and tags it refers to.
type rendered struct {
	HTML       string
	MentionIDs []string
	TagIDs     []string
	TagNames   []string
}

// maxMentions bounds the account look-ups a single status can cause.
const maxMentions = 50

// render formats src, resolving @mentions to accounts this server knows and creating
// hashtags on first use.
func (s *Service) render(ctx context.Context, c *ent.Client, src string, ct text.ContentType) (*rendered, error) {
	mentions, _ := text.Parse(src, ct)
	if len(mentions) > maxMentions {
		mentions = mentions[:maxMentions]
	}
	l := &linker{s: s, accounts: map[text.Mention]*ent.Account{}}
	for _, m := range mentions {
		a, err := s.lookupMention(ctx, c, m)
		if err != nil {
			return nil, err
		}
		if a != nil {
			l.accounts[m] = a
		}
	}
	res, err := text.Format(src, ct, l)
	if err != nil {
		return nil, fmt.Errorf("format status: %w", err)
	}
	out := &rendered{HTML: res.HTML, TagNames: res.Tags}
	seen := map[string]bool{}
	for _, m := range res.Mentions {
		if a := l.accounts[m]; a != nil && !seen[a.ID] {
			seen[a.ID] = true
			out.MentionIDs = append(out.MentionIDs, a.ID)
		}
	}
	if out.TagIDs, err = ensureTags(ctx, c, res.Tags); err != nil {
		return nil, err
	}
	return out, nil
}

// meetMentioned looks up, before the status's transaction, the remote accounts src
// mentions that this server does not know yet, so that rendering inside the
// transaction finds them without waiting on the network. Accounts that cannot be
// found stay plain text, as on Mastodon.
func (s *Service) meetMentioned(ctx context.Context, src string, ct text.ContentType) {
	if s.Remote == nil {
		return
	}
	mentions, _ := text.Parse(src, ct)
	if len(mentions) > maxMentions {
		mentions = mentions[:maxMentions]
	}
	for _, m := range mentions {
		domain := strings.ToLower(m.Domain)
		if domain == "" || domain == strings.ToLower(s.AccountDomain) || domain == strings.ToLower(s.URIs.Host) {
			continue
		}
		known, err := s.DB.Account.Query().
			Where(account.UsernameEqualFold(m.Username), account.Domain(domain)).Exist(ctx)
		if err != nil || known {
			continue
		}
		_, _ = s.Remote.AccountByHandle(ctx, m.Username, domain)
	}
}

// lookupMention finds the account a mention names among accounts this server knows.
// Unknown remote accounts stay plain text until federation can resolve them.
func (s *Service) lookupMention(ctx context.Context, c *ent.Client, m text.Mention) (*ent.Account, error) {
	domain := strings.ToLower(m.Domain)
	if domain == strings.ToLower(s.AccountDomain) || domain == strings.ToLower(s.URIs.Host) {
		domain = ""
	}
	a, err := c.Account.Query().
		Where(account.UsernameEqualFold(m.Username), account.Domain(domain), account.SuspendedAtIsNil()).
		First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up mention %s: %w", m, err)
	}
	return a, nil
}

// ensureTags returns the IDs of the named tags, creating those that do not exist yet.
// A concurrent creation of the same tag is absorbed by the unique index and a re-read.
func ensureTags(ctx context.Context, c *ent.Client, names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	existing, err := c.Tag.Query().Where(tag.NameIn(names...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load tags: %w", err)
	}
	have := map[string]bool{}
	for _, t := range existing {
		have[t.Name] = true
	}
	for _, n := range names {
		if !have[n] {
			if err := c.Tag.Create().SetName(n).OnConflictColumns(tag.FieldName).Ignore().Exec(ctx); err != nil {
				return nil, fmt.Errorf("create tag %q: %w", n, err)
			}
		}
	}
	return c.Tag.Query().Where(tag.NameIn(names...)).IDs(ctx)
}

// linker points mentions at the accounts found for them and hashtags at tag pages.
type linker struct {
	s        *Service
	accounts map[text.Mention]*ent.Account
}

func (l *linker) MentionURL(m text.Mention) (string, bool) {
	a := l.accounts[m]
	if a == nil {
		return "", false
	}
	if a.URL != "" {
		return a.URL, true
	}
	return a.URI, true
}

func (l *linker) TagURL(name string) string { return l.s.URIs.Tag(name) }
