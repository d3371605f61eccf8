package media

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/customemoji"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
)

// shortcodePattern is what Mastodon accepts as a shortcode.
var shortcodePattern = regexp.MustCompile(`^[a-zA-Z0-9_]{2,30}$`)

// shortcodeUse finds :shortcode: in text.
var shortcodeUse = regexp.MustCompile(`:([a-zA-Z0-9_]{2,30}):`)

// MayHaveEmoji reports whether text has anything shaped like a :shortcode:, so that
// renderers look emoji up only for text that can have some.
func MayHaveEmoji(texts ...string) bool {
	for _, t := range texts {
		if shortcodeUse.MatchString(t) {
			return true
		}
	}
	return false
}

// NewEmoji is a custom emoji an admin uploads.
type NewEmoji struct {
	Shortcode, Category string
	Image               io.Reader
}

// CreateEmoji stores a local custom emoji: the image fitted within EmojiSize (an
// animated GIF that fits stays animated) and a still version.
func (s *Service) CreateEmoji(ctx context.Context, in NewEmoji) (*ent.CustomEmoji, error) {
	if !shortcodePattern.MatchString(in.Shortcode) {
		return nil, apperr.BadInputf("Validation failed: a shortcode is 2 to 30 letters, digits and underscores")
	}
	taken, err := s.DB.CustomEmoji.Query().Where(customemoji.Shortcode(in.Shortcode), customemoji.Domain("")).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("check shortcode: %w", err)
	}
	if taken {
		return nil, apperr.New(apperr.Conflict, "Validation failed: :%s: is taken", in.Shortcode)
	}
	f, body, err := s.read(in.Image)
	if err != nil {
		return nil, err
	}
	if !f.Decodable {
		return nil, refuse(ErrUnsupported, "Validation failed: an emoji must be a PNG, GIF, WebP or JPEG image")
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	img, err := s.processBounded(ctx, data, f, Emoji)
	if err != nil {
		return nil, err
	}
	id := ids.New(s.Now())
	orig, static := "emoji/original/"+id+img.Original.Ext, "emoji/static/"+id+img.Preview.Ext
	if err := s.Storage.Put(ctx, orig, bytes.NewReader(img.Original.Data)); err != nil {
		return nil, err
	}
	if err := s.Storage.Put(ctx, static, bytes.NewReader(img.Preview.Data)); err != nil {
		s.deleteKeys(ctx, orig)
		return nil, err
	}
	e, err := s.DB.CustomEmoji.Create().
		SetID(id).SetShortcode(in.Shortcode).SetCategory(in.Category).
		SetImagePath(orig).SetStaticPath(static).
		SetContentType(img.Original.MIME).SetImageSize(int64(len(img.Original.Data))).
		Save(ctx)
	if err != nil {
		s.deleteKeys(ctx, orig, static)
		if ent.IsConstraintError(err) {
			return nil, apperr.New(apperr.Conflict, "Validation failed: :%s: is taken", in.Shortcode)
		}
		return nil, fmt.Errorf("save emoji: %w", err)
	}
	return e, nil
}

// DeleteEmoji removes a local custom emoji and its files. Statuses that used it show
// the bare :shortcode: from then on.
func (s *Service) DeleteEmoji(ctx context.Context, shortcode string) error {
	e, err := s.DB.CustomEmoji.Query().Where(customemoji.Shortcode(shortcode), customemoji.Domain("")).Only(ctx)
	if ent.IsNotFound(err) {
		return apperr.NotFoundf("no custom emoji :%s:", shortcode)
	}
	if err != nil {
		return fmt.Errorf("load emoji: %w", err)
	}
	if err := s.DB.CustomEmoji.DeleteOne(e).Exec(ctx); err != nil {
		return fmt.Errorf("delete emoji: %w", err)
	}
	s.deleteKeys(ctx, e.ImagePath, e.StaticPath)
	return nil
}

// EmojiIn returns the local, enabled custom emoji whose :shortcode: appears in the
// texts: what a status or profile written here shows as images.
func EmojiIn(ctx context.Context, c *ent.Client, texts ...string) ([]*ent.CustomEmoji, error) {
	seen := map[string]bool{}
	var codes []string
	for _, t := range texts {
		for _, m := range shortcodeUse.FindAllStringSubmatch(t, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				codes = append(codes, m[1])
			}
		}
	}
	if len(codes) == 0 {
		return nil, nil
	}
	es, err := c.CustomEmoji.Query().
		Where(customemoji.ShortcodeIn(codes...), customemoji.Domain(""), customemoji.Disabled(false)).
		Order(ent.Asc(customemoji.FieldShortcode)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("find custom emoji: %w", err)
	}
	return es, nil
}
