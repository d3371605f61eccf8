package ingest

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/text"
)

// Bounds on a remote profile, as the database stores it.
const (
	maxUsername    = 255
	maxDisplayName = 1000
	maxFieldName   = 255
	maxFieldValue  = 2047
	maxURL         = 2048
)

// UpsertAccount stores a remote actor, or brings the stored copy up to date, by its
// ActivityPub ID. Its username is its preferredUsername (or, lacking one, the last
// segment of its ID) and its domain the host of its ID; checking that WebFinger
// agrees is the caller's part. The profile is kept as other servers show it: the
// bio and field values as sanitized HTML, the avatar and header as remote media
// (fetched later), the key, inboxes and collections as sent. A changed public key
// replaces the old one.
//
// Local accounts are never changed from outside: an actor whose ID is a local
// account's gets that account back unchanged. Actors on a suspended domain are
// refused.
func (g *Ingester) UpsertAccount(ctx context.Context, a *ap.Actor) (*ent.Account, error) {
	if a == nil {
		return nil, apperr.BadInputf("no actor")
	}
	u, err := url.Parse(a.ID)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, apperr.BadInputf("actor ID %q is not an http(s) URL", a.ID)
	}
	domain := strings.ToLower(u.Host)
	existing, err := g.DB.Account.Query().Where(account.URI(a.ID)).Only(ctx)
	switch {
	case err == nil && existing.Domain == "":
		return existing, nil
	case err != nil && !ent.IsNotFound(err):
		return nil, fmt.Errorf("load account %s: %w", a.ID, err)
	}
	if err := g.domainAllowed(ctx, domain); err != nil {
		return nil, err
	}
	username := usernameOf(a)
	if username == "" {
		return nil, apperr.BadInputf("actor %s has no usable username", a.ID)
	}
	var id string
	err = g.DB.InTx(ctx, func(tx *store.Tx) error {
		acct := existing
		if acct == nil {
			taken, err := tx.Account.Query().Where(account.UsernameEqualFold(username), account.Domain(domain)).Exist(ctx)
			if err != nil {
				return fmt.Errorf("check username: %w", err)
			}
			if taken {
				// Another actor of the same server had the name (an account deleted
				// and made again, say). Which one WebFinger names now is for the
				// caller to find out; storing both under one name is impossible.
				return apperr.New(apperr.Conflict, "%s@%s is already another actor", username, domain)
			}
			at := g.createdAt(a.Published)
			c := tx.Account.Create().SetID(ids.New(at)).SetCreatedAt(at).
				SetUsername(username).SetDomain(domain).SetURI(a.ID)
			applyActor(c.Mutation(), a, g)
			if acct, err = c.Save(ctx); err != nil {
				return fmt.Errorf("create account %s: %w", a.ID, err)
			}
		} else {
			up := tx.Account.UpdateOne(acct)
			if !strings.EqualFold(acct.Username, username) {
				up.SetUsername(username)
			}
			applyActor(up.Mutation(), a, g)
			if acct, err = up.Save(ctx); err != nil {
				return fmt.Errorf("update account %s: %w", a.ID, err)
			}
		}
		id = acct.ID
		if err := g.profileImages(ctx, tx, acct, a); err != nil {
			return err
		}
		emojiIDs, err := upsertEmojis(ctx, tx, domain, a.Emojis)
		if err != nil {
			return err
		}
		return tx.Account.UpdateOneID(acct.ID).ClearEmojis().AddEmojiIDs(emojiIDs...).Exec(ctx)
	})
	if ent.IsConstraintError(err) {
		// Another delivery stored the same actor at the same moment: take its copy.
		return g.DB.Account.Query().Where(account.URI(a.ID)).Only(ctx)
	}
	if err != nil {
		return nil, err
	}
	return g.DB.Account.Get(ctx, id)
}

// applyActor sets the profile fields an actor document carries.
func applyActor(m *ent.AccountMutation, a *ap.Actor, g *Ingester) {
	m.SetDisplayName(cut(strings.TrimSpace(a.Name), maxDisplayName))
	m.SetNote(text.Sanitize(a.Summary))
	m.SetFields(fieldsOf(a.Fields))
	m.SetLocked(a.ManuallyApprovesFollowers)
	m.SetBot(a.Bot)
	m.SetDiscoverable(a.Discoverable)
	m.SetIndexable(a.Indexable)
	m.SetMemorial(a.Memorial)
	m.SetActorType(actorType(a.Type))
	m.SetURL(cut(firstNonEmpty(a.URL, a.ID), maxURL))
	m.SetInboxURI(a.Inbox)
	m.SetSharedInboxURI(a.SharedInbox)
	m.SetOutboxURI(a.Outbox)
	m.SetFollowersURI(a.Followers)
	m.SetFollowingURI(a.Following)
	m.SetFeaturedURI(a.Featured)
	aliases := a.AlsoKnownAs
	if aliases == nil {
		aliases = []string{}
	}
	m.SetAlsoKnownAs(aliases)
	// A key owned by someone else is not this actor's key, whatever the document
	// says: keep the one stored rather than let an actor claim another's key.
	if a.PublicKeyPEM != "" && (a.PublicKeyOwner == "" || a.PublicKeyOwner == a.ID) {
		m.SetPublicKeyURI(a.PublicKeyID)
		m.SetPublicKey(a.PublicKeyPEM)
	}
	m.SetFetchedAt(g.now())
}

// usernameOf is the actor's username: its preferredUsername, or the last segment of
// its ID, without characters that would break @user@domain.
func usernameOf(a *ap.Actor) string {
	name := strings.TrimSpace(a.PreferredUsername)
	if name == "" {
		if u, err := url.Parse(a.ID); err == nil {
			name = path.Base(strings.TrimSuffix(u.Path, "/"))
		}
	}
	name = strings.Map(func(r rune) rune {
		if r == '@' || r == '/' || unicode.IsSpace(r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	if name == "." {
		return ""
	}
	return cut(name, maxUsername)
}

func actorType(t string) account.ActorType {
	at := account.ActorType(strings.ToUpper(t))
	if account.ActorTypeValidator(at) != nil {
		return account.ActorTypePERSON
	}
	return at
}

// fieldsOf keeps a profile's metadata table: names as text, values as sanitized HTML.
func fieldsOf(fs []ap.Field) []schema.AccountField {
	out := []schema.AccountField{}
	for _, f := range fs {
		name := cut(strings.TrimSpace(text.PlainText(text.Sanitize(f.Name))), maxFieldName)
		if name == "" {
			continue
		}
		out = append(out, schema.AccountField{Name: name, Value: cut(text.Sanitize(f.Value), maxFieldValue)})
	}
	return out
}

// profileImages points the account at remote media rows for its avatar and header,
// keeping a row whose URL did not change (its file may be cached already) and
// removing one no longer used.
func (g *Ingester) profileImages(ctx context.Context, tx *store.Tx, acct *ent.Account, a *ap.Actor) error {
	avatar, err := profileImage(ctx, tx, acct.ID, acct.AvatarID, a.Icon)
	if err != nil {
		return err
	}
	header, err := profileImage(ctx, tx, acct.ID, acct.HeaderID, a.Image)
	if err != nil {
		return err
	}
	up := tx.Account.UpdateOneID(acct.ID).ClearAvatar().ClearHeader()
	if avatar != "" {
		up.SetAvatarID(avatar)
	}
	if header != "" {
		up.SetHeaderID(header)
	}
	if err := up.Exec(ctx); err != nil {
		return fmt.Errorf("set profile images: %w", err)
	}
	for _, old := range []*string{acct.AvatarID, acct.HeaderID} {
		if old != nil && *old != avatar && *old != header {
			if err := tx.MediaAttachment.DeleteOneID(*old).Exec(ctx); err != nil && !ent.IsNotFound(err) {
				return fmt.Errorf("remove old profile image: %w", err)
			}
		}
	}
	return nil
}

// profileImage returns the ID of the media row for one profile image ("" for none).
func profileImage(ctx context.Context, tx *store.Tx, accountID string, current *string, img *ap.Attachment) (string, error) {
	if img == nil || !isHTTPURL(img.URL) {
		return "", nil
	}
	if current != nil {
		same, err := tx.MediaAttachment.Query().
			Where(mediaattachment.ID(*current), mediaattachment.RemoteURL(img.URL)).Exist(ctx)
		if err != nil {
			return "", fmt.Errorf("load profile image: %w", err)
		}
		if same {
			return *current, nil
		}
	}
	m, err := tx.MediaAttachment.Create().SetAccountID(accountID).
		SetType(mediaattachment.TypeIMAGE).SetRemoteURL(cut(img.URL, maxURL)).
		SetContentType(img.MediaType).SetBlurhash(img.Blurhash).Save(ctx)
	if err != nil {
		return "", fmt.Errorf("record profile image: %w", err)
	}
	return m.ID, nil
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && len(s) <= maxURL
}

// hostOf is the lower-case host (with port) of an http(s) URL, or "".
func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// cut shortens s to at most n characters.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
