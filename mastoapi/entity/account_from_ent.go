package entity

import (
	"context"
	"fmt"
	"html"
	"maps"
	"slices"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/graph/media"
)

// Account renders one account.
func (r *Renderer) Account(ctx context.Context, a *ent.Account) (*Account, error) {
	out, err := r.Accounts(ctx, []*ent.Account{a})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// Accounts renders accounts in the order given. It costs one query when some of them
// have moved (to render where to), one more when some have an avatar or header, and
// none otherwise.
func (r *Renderer) Accounts(ctx context.Context, as []*ent.Account) ([]*Account, error) {
	moved, err := r.movedTargets(ctx, as)
	if err != nil {
		return nil, err
	}
	var imageIDs []string
	for _, a := range append(as, slices.Collect(maps.Values(moved))...) {
		for _, id := range []*string{a.AvatarID, a.HeaderID} {
			if id != nil {
				imageIDs = append(imageIDs, *id)
			}
		}
	}
	images, err := media.ProfileImages(ctx, r.DB.Client, imageIDs)
	if err != nil {
		return nil, err
	}
	emojis, err := r.accountEmojis(ctx, as)
	if err != nil {
		return nil, err
	}
	out := make([]*Account, len(as))
	for i, a := range as {
		out[i] = r.accountOf(a, moved, images)
		if es := emojis[a.ID]; len(es) > 0 {
			out[i].Emojis = r.CustomEmojis(es)
		}
	}
	return out, nil
}

// accountEmojis loads the custom emoji of the accounts whose display name, bio or
// fields may use some; most accounts cost no query.
func (r *Renderer) accountEmojis(ctx context.Context, as []*ent.Account) (map[string][]*ent.CustomEmoji, error) {
	var ids []string
	for _, a := range as {
		texts := []string{a.DisplayName, a.Note}
		for _, f := range a.Fields {
			texts = append(texts, f.Name, f.Value)
		}
		if media.MayHaveEmoji(texts...) {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	shells, err := r.DB.Account.Query().Where(account.IDIn(ids...)).Select(account.FieldID).WithEmojis().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("render accounts: load custom emoji: %w", err)
	}
	out := make(map[string][]*ent.CustomEmoji, len(shells))
	for _, s := range shells {
		out[s.ID] = s.Edges.Emojis
	}
	return out, nil
}

// movedTargets loads the accounts that any of as moved to, by ID.
func (r *Renderer) movedTargets(ctx context.Context, as []*ent.Account) (map[string]*ent.Account, error) {
	var ids []string
	for _, a := range as {
		if a.MovedToID != nil {
			ids = append(ids, *a.MovedToID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	targets, err := r.DB.Account.Query().Where(account.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("render accounts: load moved-to accounts: %w", err)
	}
	byID := make(map[string]*ent.Account, len(targets))
	for _, t := range targets {
		byID[t.ID] = t
	}
	return byID, nil
}

// accountOf converts one account; moved holds the accounts it may have moved to, and
// images the avatars and headers by ID.
func (r *Renderer) accountOf(a *ent.Account, moved map[string]*ent.Account, images map[string]*ent.MediaAttachment) *Account {
	out := &Account{
		ID:              a.ID,
		Username:        a.Username,
		Acct:            acct(a),
		DisplayName:     a.DisplayName,
		Locked:          a.Locked,
		Bot:             a.Bot || a.ActorType == account.ActorTypeSERVICE || a.ActorType == account.ActorTypeAPPLICATION,
		Discoverable:    a.Discoverable,
		Indexable:       a.Indexable,
		Group:           a.ActorType == account.ActorTypeGROUP,
		CreatedAt:       NewTime(midnightUTC(a.CreatedAt)),
		Note:            a.Note,
		URL:             firstNonEmpty(a.URL, a.URI),
		URI:             a.URI,
		FollowersCount:  a.FollowersCount,
		FollowingCount:  a.FollowingCount,
		StatusesCount:   a.StatusesCount,
		LastStatusAt:    NewDatePtr(a.LastStatusAt),
		HideCollections: a.HideCollections,
		Emojis:          []CustomEmoji{},
		Fields:          profileFields(a),
		Memorial:        a.Memorial,
		Suspended:       a.SuspendedAt != nil,
		Limited:         a.SilencedAt != nil,
	}
	base := r.Settings.URIs.Base()
	out.Avatar, out.AvatarStatic = media.ProfileImageURLs(base, imageOf(images, a.AvatarID), media.Avatar, r.Settings.CacheRemoteMedia)
	out.Header, out.HeaderStatic = media.ProfileImageURLs(base, imageOf(images, a.HeaderID), media.Header, r.Settings.CacheRemoteMedia)
	if a.Domain == "" {
		// fedigraph has one opt-in for being found (indexable); an account that has
		// not opted in asks search engines to stay away too.
		noindex := !a.Indexable
		out.Noindex = &noindex
	}
	if a.MovedToID != nil {
		if target := moved[*a.MovedToID]; target != nil {
			out.Moved = r.accountOf(target, nil, images) // one level only, as Mastodon nests it
		}
	}
	return out
}

func imageOf(images map[string]*ent.MediaAttachment, id *string) *ent.MediaAttachment {
	if id == nil {
		return nil
	}
	return images[*id]
}

// acct is the handle Mastodon shows: bare for local accounts, with the domain for
// remote ones.
func acct(a *ent.Account) string {
	if a.Domain == "" {
		return a.Username
	}
	return a.Username + "@" + a.Domain
}

// profileFields renders the metadata table. Local values are stored as typed and are
// escaped into HTML here; remote values arrive as HTML, sanitized when they were
// stored, and are passed on as they are.
func profileFields(a *ent.Account) []Field {
	out := make([]Field, 0, len(a.Fields))
	for _, f := range a.Fields {
		value := f.Value
		if a.Domain == "" {
			value = html.EscapeString(value)
		}
		out = append(out, Field{Name: f.Name, Value: value, VerifiedAt: NewTimePtr(f.VerifiedAt)})
	}
	return out
}

// sourceFields renders the metadata table as its owner typed it.
func sourceFields(fs []schema.AccountField) []Field {
	out := make([]Field, 0, len(fs))
	for _, f := range fs {
		out = append(out, Field{Name: f.Name, Value: f.Value, VerifiedAt: NewTimePtr(f.VerifiedAt)})
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
