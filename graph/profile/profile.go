// Package profile changes a local account's public profile and posting defaults.
package profile

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/text"
)

// Limits as Mastodon has them.
const (
	MaxDisplayName = 30
	MaxNote        = 500
	MaxFields      = 4
	MaxFieldName   = 255
	MaxFieldValue  = 255
)

// Field is one name/value pair of the profile table.
type Field struct{ Name, Value string }

// Changes lists what to change; nil leaves a setting as it is.
type Changes struct {
	DisplayName, Note                            *string
	Fields                                       *[]Field
	Locked, Bot, Discoverable, Indexable, Hidden *bool
	DefaultVisibility                            *user.DefaultVisibility
	DefaultSensitive                             *bool
	DefaultLanguage                              *string
	DefaultContentType                           *user.DefaultContentType
	// Avatar and Header are IDs of profile images stored by media.StoreProfileImage;
	// a pointer to "" removes the image.
	Avatar, Header *string
}

// Update applies the changes to the account and its user in one transaction, and
// tells f (nil: federation off) when what other servers show of the profile changed.
func Update(ctx context.Context, db *store.DB, f federate.Federator, accountID string, c Changes) error {
	if err := check(c); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		a := tx.Account.UpdateOneID(accountID).
			SetNillableLocked(c.Locked).
			SetNillableBot(c.Bot).
			SetNillableDiscoverable(c.Discoverable).
			SetNillableIndexable(c.Indexable).
			SetNillableHideCollections(c.Hidden).
			SetNillableDisplayName(c.DisplayName)
		if c.Note != nil {
			html, err := text.Format(*c.Note, text.Plain, nil)
			if err != nil {
				return fmt.Errorf("format bio: %w", err)
			}
			a.SetNote(html.HTML).SetNoteSource(*c.Note)
		}
		if c.Avatar != nil {
			if *c.Avatar == "" {
				a.ClearAvatarID()
			} else {
				a.SetAvatarID(*c.Avatar)
			}
		}
		if c.Header != nil {
			if *c.Header == "" {
				a.ClearHeaderID()
			} else {
				a.SetHeaderID(*c.Header)
			}
		}
		if c.Fields != nil {
			fs := make([]schema.AccountField, len(*c.Fields))
			for i, f := range *c.Fields {
				fs[i] = schema.AccountField{Name: f.Name, Value: f.Value}
			}
			a.SetFields(fs)
		}
		if c.DisplayName != nil || c.Note != nil || c.Fields != nil {
			if err := setEmojis(ctx, tx, accountID, c, a); err != nil {
				return err
			}
		}
		if err := a.Exec(ctx); err != nil {
			return fmt.Errorf("update profile: %w", err)
		}
		err := tx.User.Update().Where(user.HasAccountWith(account.ID(accountID))).
			SetNillableDefaultVisibility(c.DefaultVisibility).
			SetNillableDefaultSensitive(c.DefaultSensitive).
			SetNillableDefaultLanguage(c.DefaultLanguage).
			SetNillableDefaultContentType(c.DefaultContentType).
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("update preferences: %w", err)
		}
		if !c.public() {
			return nil
		}
		return federate.Send(ctx, f, tx, federate.Activity{Kind: federate.UpdateActor, ActorID: accountID})
	})
}

// setEmojis links the custom emoji the profile's display name, bio and fields use,
// as they will be after the changes.
func setEmojis(ctx context.Context, tx *store.Tx, accountID string, c Changes, a *ent.AccountUpdateOne) error {
	cur, err := tx.Account.Get(ctx, accountID)
	if err != nil {
		return fmt.Errorf("load profile: %w", err)
	}
	texts := []string{cur.DisplayName, cur.NoteSource}
	if c.DisplayName != nil {
		texts[0] = *c.DisplayName
	}
	if c.Note != nil {
		texts[1] = *c.Note
	}
	if c.Fields != nil {
		for _, f := range *c.Fields {
			texts = append(texts, f.Name, f.Value)
		}
	} else {
		for _, f := range cur.Fields {
			texts = append(texts, f.Name, f.Value)
		}
	}
	emojis, err := media.EmojiIn(ctx, tx.Client(), texts...)
	if err != nil {
		return err
	}
	a.ClearEmojis().AddEmojis(emojis...)
	return nil
}

// public reports whether the changes touch what other servers show of the account
// (as opposed to the owner's posting defaults).
func (c Changes) public() bool {
	return c.DisplayName != nil || c.Note != nil || c.Fields != nil || c.Locked != nil ||
		c.Bot != nil || c.Discoverable != nil || c.Indexable != nil || c.Hidden != nil ||
		c.Avatar != nil || c.Header != nil
}

func check(c Changes) error {
	if c.DisplayName != nil && text.Length(*c.DisplayName) > MaxDisplayName {
		return apperr.BadInputf("display name is longer than %d characters", MaxDisplayName)
	}
	if c.Note != nil && text.Length(*c.Note) > MaxNote {
		return apperr.BadInputf("bio is longer than %d characters", MaxNote)
	}
	if c.Fields != nil {
		if len(*c.Fields) > MaxFields {
			return apperr.BadInputf("a profile has at most %d fields", MaxFields)
		}
		for _, f := range *c.Fields {
			if text.Length(f.Name) > MaxFieldName || text.Length(f.Value) > MaxFieldValue {
				return apperr.BadInputf("profile field names and values are at most %d characters", MaxFieldValue)
			}
		}
	}
	if c.DefaultLanguage != nil && len(*c.DefaultLanguage) > 16 {
		return apperr.BadInputf("%q is not a language code", *c.DefaultLanguage)
	}
	return nil
}
