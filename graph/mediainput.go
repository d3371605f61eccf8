package graph

import (
	"context"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/model"
)

// media is the media service, or an error when the server has no storage for files.
func (r *Resolver) media() (*media.Service, error) {
	if r.Media == nil {
		return nil, apperr.New(apperr.Internal, "media storage is not configured on this server")
	}
	return r.Media, nil
}

// cachesRemoteMedia reports whether remote files are served from this instance's cache.
func (r *Resolver) cachesRemoteMedia() bool { return r.Media != nil && r.Media.Remote != nil }

// profileImage is the URL of an avatar or header and of its still version: the
// instance's default when there is none.
func (r *Resolver) profileImage(ctx context.Context, id *string, p media.Purpose) (url, static string, err error) {
	base := r.Settings.URIs.Base()
	if id == nil {
		url, static = media.ProfileImageURLs(base, nil, p, false)
		return url, static, nil
	}
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	if l == nil {
		m, err := media.ProfileImages(ctx, r.DB.Client, []string{*id})
		if err != nil {
			return "", "", err
		}
		url, static = media.ProfileImageURLs(base, m[*id], p, r.cachesRemoteMedia())
		return url, static, nil
	}
	m, err := l.profileImages.Load(ctx, *id)
	if err != nil {
		return "", "", err
	}
	url, static = media.ProfileImageURLs(base, m, p, r.cachesRemoteMedia())
	return url, static, nil
}

// adminMedia is the media service for an admin's request.
func (r *Resolver) adminMedia(ctx context.Context) (*media.Service, error) {
	if v := auth.FromContext(ctx); v == nil || !v.Admin {
		return nil, apperr.Forbiddenf("only admins manage custom emoji")
	}
	return r.media()
}

func fieldsMayHaveEmoji(a *ent.Account) bool {
	for _, f := range a.Fields {
		if media.MayHaveEmoji(f.Name, f.Value) {
			return true
		}
	}
	return false
}

func focusOf(in *model.FocusInput) *media.Focus {
	if in == nil {
		return nil
	}
	return &media.Focus{X: in.X, Y: in.Y}
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
