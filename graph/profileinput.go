package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/model"
	"github.com/fedigraph/fedigraph/graph/profile"
)

// updateProfile translates the GraphQL input into profile changes.
func (r *Resolver) updateProfile(ctx context.Context, accountID string, in model.UpdateProfileInput) error {
	c := profile.Changes{
		DisplayName: in.DisplayName, Note: in.Note,
		Locked: in.Locked, Bot: in.Bot, Discoverable: in.Discoverable, Indexable: in.Indexable,
		Hidden: in.HideCollections, DefaultSensitive: in.DefaultSensitive, DefaultLanguage: in.DefaultLanguage,
	}
	if in.Fields != nil {
		fs := make([]profile.Field, len(in.Fields))
		for i, f := range in.Fields {
			fs[i] = profile.Field{Name: f.Name, Value: f.Value}
		}
		c.Fields = &fs
	}
	if in.DefaultVisibility != nil {
		v := user.DefaultVisibility(*in.DefaultVisibility)
		c.DefaultVisibility = &v
	}
	if in.DefaultContentType != nil {
		v := user.DefaultContentType(*in.DefaultContentType)
		c.DefaultContentType = &v
	}
	if err := r.profileImages(ctx, accountID, in, &c); err != nil {
		if r.Media != nil { // an avatar stored before the header was refused
			_ = r.Media.DropReplacedProfileImages(context.WithoutCancel(ctx), accountID)
		}
		return err
	}
	err := profile.Update(ctx, r.DB, r.Federator, accountID, c)
	if c.Avatar != nil || c.Header != nil {
		// Whether the update went through or not, images that are not (or no longer)
		// the account's go, files and all.
		if derr := r.Media.DropReplacedProfileImages(context.WithoutCancel(ctx), accountID); derr != nil && err == nil {
			r.Logger.Warn("drop replaced profile images", "account", accountID, "err", derr)
		}
	}
	return err
}

// profileImages stores uploaded avatar and header images, before the profile update
// that makes them the account's.
func (r *Resolver) profileImages(ctx context.Context, accountID string, in model.UpdateProfileInput, c *profile.Changes) error {
	if in.Avatar == nil && in.Header == nil && !isTrue(in.RemoveAvatar) && !isTrue(in.RemoveHeader) {
		return nil
	}
	svc, err := r.media()
	if err != nil {
		return err
	}
	none := ""
	if isTrue(in.RemoveAvatar) {
		c.Avatar = &none
	}
	if isTrue(in.RemoveHeader) {
		c.Header = &none
	}
	for _, img := range []struct {
		upload  *graphql.Upload
		purpose media.Purpose
		set     **string
	}{{in.Avatar, media.Avatar, &c.Avatar}, {in.Header, media.Header, &c.Header}} {
		if img.upload == nil {
			continue
		}
		m, err := svc.StoreProfileImage(ctx, accountID, img.purpose, img.upload.File)
		if err != nil {
			return err
		}
		*img.set = &m.ID
	}
	return nil
}
