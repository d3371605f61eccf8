package media

import (
	"context"
	"fmt"
	"io"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/ids"
)

// Default images, served by the instance, for accounts without an avatar or header.
// Every Mastodon client expects a URL there, never an empty string.
const (
	DefaultAvatarPath = "/assets/default_avatar.png"
	DefaultHeaderPath = "/assets/default_header.png"
)

// StoreProfileImage processes an avatar or header (Purpose Avatar or Header) for the
// account and stores it as a processed attachment of that purpose. It does not yet
// become the account's: the caller sets avatar_id or header_id along with the rest
// of the profile, then calls DropReplacedProfileImages. Profile images are small
// once resized, so they are processed right away, within the concurrency bound.
func (s *Service) StoreProfileImage(ctx context.Context, accountID string, p Purpose, r io.Reader) (*ent.MediaAttachment, error) {
	f, body, err := s.read(r)
	if err != nil {
		return nil, err
	}
	if !f.Decodable {
		return nil, refuse(ErrUnsupported, "Validation failed: the %s must be a JPEG, PNG, GIF or WebP image", p)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	img, err := s.processBounded(ctx, data, f, p)
	if err != nil {
		return nil, err
	}
	m := &ent.MediaAttachment{ID: ids.New(s.Now()), AccountID: accountID}
	orig, small, err := s.store(ctx, m, p, img)
	if err != nil {
		return nil, err
	}
	m, err = s.DB.MediaAttachment.Create().
		SetID(m.ID).
		SetAccountID(accountID).
		SetPurpose(purposeOf(p)).
		SetType(mediaattachment.TypeIMAGE).
		SetContentType(img.Original.MIME).
		SetFileSize(int64(len(img.Original.Data))).
		SetFilePath(orig).
		SetPreviewPath(small).
		SetBlurhash(img.Blurhash).
		SetMeta(metaOf(img)).
		SetProcessing(mediaattachment.ProcessingPROCESSED).
		Save(ctx)
	if err != nil {
		s.deleteKeys(ctx, orig, small)
		return nil, fmt.Errorf("save %s: %w", p, err)
	}
	return m, nil
}

// DropReplacedProfileImages deletes the account's avatars and headers that are no
// longer its avatar or header (replaced, removed, or stored for a profile update
// that then failed), with their files.
func (s *Service) DropReplacedProfileImages(ctx context.Context, accountID string) error {
	a, err := s.DB.Account.Query().Where(account.ID(accountID)).
		Select(account.FieldAvatarID, account.FieldHeaderID).Only(ctx)
	if err != nil {
		return fmt.Errorf("load profile images: %w", err)
	}
	q := s.DB.MediaAttachment.Query().Where(
		mediaattachment.AccountID(accountID),
		mediaattachment.PurposeIn(mediaattachment.PurposeAVATAR, mediaattachment.PurposeHEADER))
	for _, id := range []*string{a.AvatarID, a.HeaderID} {
		if id != nil {
			q.Where(mediaattachment.IDNEQ(*id))
		}
	}
	old, err := q.All(ctx)
	if err != nil {
		return fmt.Errorf("find replaced profile images: %w", err)
	}
	return s.Delete(ctx, old...)
}

// ProfileImages loads avatars and headers by ID, for rendering a page of accounts in
// one query.
func ProfileImages(ctx context.Context, c *ent.Client, ids []string) (map[string]*ent.MediaAttachment, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ms, err := c.MediaAttachment.Query().Where(mediaattachment.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load profile images: %w", err)
	}
	out := make(map[string]*ent.MediaAttachment, len(ms))
	for _, m := range ms {
		out[m.ID] = m
	}
	return out, nil
}

// ProfileImageURLs are the URLs of an account's avatar or header and its still
// version (see FileURLs), or the instance's default image.
func ProfileImageURLs(base string, m *ent.MediaAttachment, p Purpose, cacheRemote bool) (url, static string) {
	if m != nil {
		url, static = FileURLs(base, m, cacheRemote)
		static = firstOf(static, url)
	}
	if url == "" {
		def := base + DefaultAvatarPath
		if p == Header {
			def = base + DefaultHeaderPath
		}
		return def, def
	}
	return url, static
}

func purposeOf(p Purpose) mediaattachment.Purpose {
	switch p {
	case Avatar:
		return mediaattachment.PurposeAVATAR
	case Header:
		return mediaattachment.PurposeHEADER
	}
	return mediaattachment.PurposeATTACHMENT
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
