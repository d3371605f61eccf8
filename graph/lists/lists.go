// Package lists keeps an account's lists: named groups of followed accounts, each with
// a timeline of its own. Only a list's owner may see or change it; to everyone else a
// list does not exist.
package lists

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/list"
	"github.com/fedigraph/fedigraph/ent/listmember"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// MaxTitleLength is the longest list title, in characters.
const MaxTitleLength = 200

// Service manages lists on behalf of local accounts. Every method takes the acting
// account's ID first. Lists publish no events: a list's timeline picks up membership
// changes on the next post (see graph/fanout).
type Service struct {
	DB  *store.DB
	Now func() time.Time // nil = time.Now
}

// Changes are the parts of a list that Update changes; nil fields stay as they are.
type Changes struct {
	Title         *string
	RepliesPolicy *list.RepliesPolicy
	Exclusive     *bool
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// errListNotFound answers for lists that do not exist and for other accounts' lists
// alike.
func errListNotFound() error { return apperr.NotFoundf("list not found") }

// Create makes a list for the actor. An empty policy means LIST (replies to list
// members are shown), Mastodon's default.
func (s *Service) Create(ctx context.Context, actorID, title string, policy list.RepliesPolicy, exclusive bool) (*ent.List, error) {
	title, err := checkTitle(title)
	if err != nil {
		return nil, err
	}
	if policy == "" {
		policy = list.DefaultRepliesPolicy
	}
	if err := checkPolicy(policy); err != nil {
		return nil, err
	}
	now := s.now()
	l, err := s.DB.List.Create().SetID(ids.New(now)).SetCreatedAt(now).
		SetAccountID(actorID).SetTitle(title).SetRepliesPolicy(policy).SetExclusive(exclusive).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create list: %w", err)
	}
	return l, nil
}

// Update changes the actor's list.
func (s *Service) Update(ctx context.Context, actorID, listID string, c Changes) (*ent.List, error) {
	upd := s.DB.List.Update().Where(list.ID(listID), list.AccountID(actorID))
	if c.Title != nil {
		title, err := checkTitle(*c.Title)
		if err != nil {
			return nil, err
		}
		upd.SetTitle(title)
	}
	if c.RepliesPolicy != nil {
		if err := checkPolicy(*c.RepliesPolicy); err != nil {
			return nil, err
		}
		upd.SetRepliesPolicy(*c.RepliesPolicy)
	}
	upd.SetNillableExclusive(c.Exclusive)
	if c.Title != nil || c.RepliesPolicy != nil || c.Exclusive != nil {
		if _, err := upd.Save(ctx); err != nil {
			return nil, fmt.Errorf("update list: %w", err)
		}
	}
	return s.Get(ctx, actorID, listID)
}

// Delete removes the actor's list and its memberships.
func (s *Service) Delete(ctx context.Context, actorID, listID string) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := ownList(ctx, tx.Client(), actorID, listID); err != nil {
			return err
		}
		if _, err := tx.ListMember.Delete().Where(listmember.ListID(listID)).Exec(ctx); err != nil {
			return fmt.Errorf("delete list members: %w", err)
		}
		if err := tx.List.DeleteOneID(listID).Exec(ctx); err != nil {
			return fmt.Errorf("delete list: %w", err)
		}
		return nil
	})
}

// Get returns one of the actor's lists.
func (s *Service) Get(ctx context.Context, actorID, listID string) (*ent.List, error) {
	return ownList(ctx, s.DB.Client, actorID, listID)
}

// All returns the actor's lists, oldest first.
func (s *Service) All(ctx context.Context, actorID string) ([]*ent.List, error) {
	ls, err := s.DB.List.Query().Where(list.AccountID(actorID)).Order(ent.Asc(list.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load lists: %w", err)
	}
	return ls, nil
}

func ownList(ctx context.Context, c *ent.Client, actorID, listID string) (*ent.List, error) {
	l, err := c.List.Query().Where(list.ID(listID), list.AccountID(actorID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errListNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load list %s: %w", listID, err)
	}
	return l, nil
}

// checkTitle trims the title and checks it is there and not too long.
func checkTitle(title string) (string, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return "", apperr.BadInputf("Validation failed: a list needs a title")
	}
	if n := utf8.RuneCountInString(title); n > MaxTitleLength {
		return "", apperr.BadInputf("Validation failed: the title is %d characters long, more than %d", n, MaxTitleLength)
	}
	// The schema's limit counts bytes, which is tighter for non-Latin scripts.
	if err := list.TitleValidator(title); err != nil {
		return "", apperr.BadInputf("Validation failed: the title is too long")
	}
	return title, nil
}

func checkPolicy(p list.RepliesPolicy) error {
	if err := list.RepliesPolicyValidator(p); err != nil {
		return apperr.BadInputf("Validation failed: unknown replies policy %q (want FOLLOWED, LIST or NONE)", p)
	}
	return nil
}
