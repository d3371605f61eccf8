package accounts

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/model"
	"github.com/fedigraph/fedigraph/mastoapi/enums"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// updateCredentials serves PATCH /api/v1/accounts/update_credentials through the
// GraphQL updateProfile mutation. Parameters left out keep their value;
// fields_attributes, when sent, replaces every field; avatar and header come as files
// in a multipart body and are resized (an avatar to a square of at most 400 pixels,
// a header within 1500×500).
func (h *Handlers) updateCredentials(w http.ResponseWriter, r *http.Request) {
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	in, err := profileInput(v)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	for name, dst := range map[string]**graphql.Upload{"avatar": &in.Avatar, "header": &in.Header} {
		if r.MultipartForm == nil || len(r.MultipartForm.File[name]) == 0 {
			continue
		}
		f, err := r.MultipartForm.File[name][0].Open()
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		defer f.Close()
		*dst = &graphql.Upload{File: f}
	}
	viewer, err := h.Resolver.Mutation().UpdateProfile(r.Context(), in)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	h.credentialAccount(w, r, viewer.Account)
}

// deleteProfileImage serves DELETE /api/v1/profile/avatar and /api/v1/profile/header:
// the default image shows instead.
func (h *Handlers) deleteProfileImage(avatar bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		yes := true
		in := model.UpdateProfileInput{RemoveHeader: &yes}
		if avatar {
			in = model.UpdateProfileInput{RemoveAvatar: &yes}
		}
		viewer, err := h.Resolver.Mutation().UpdateProfile(r.Context(), in)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		h.credentialAccount(w, r, viewer.Account)
	}
}

// profileInput reads Mastodon's parameters into the GraphQL mutation's input.
func profileInput(v params.Values) (model.UpdateProfileInput, error) {
	in := model.UpdateProfileInput{
		DisplayName:     v.Optional("display_name"),
		Note:            v.Optional("note"),
		Locked:          v.Bool("locked"),
		Bot:             v.Bool("bot"),
		Discoverable:    v.Bool("discoverable"),
		Indexable:       v.Bool("indexable"),
		HideCollections: v.Bool("hide_collections"),
	}
	if attrs := v.Indexed("fields_attributes"); len(attrs) > 0 || v.Has("fields_attributes") {
		in.Fields = []*model.ProfileFieldInput{}
		for _, f := range attrs {
			// Clients send the empty rows of their form too; Mastodon drops them.
			if f.Get("name") == "" && f.Get("value") == "" {
				continue
			}
			in.Fields = append(in.Fields, &model.ProfileFieldInput{Name: f.Get("name"), Value: f.Get("value")})
		}
	}
	source := v.Sub("source")
	if name, ok := source.String("privacy"); ok {
		vis, err := enums.Visibility(name)
		if err != nil {
			return in, err
		}
		if vis != "" {
			in.DefaultVisibility = &vis
		}
	}
	in.DefaultSensitive = source.Bool("sensitive")
	in.DefaultLanguage = source.Optional("language")
	if ct, ok := source.String("status_content_type"); ok {
		// GoToSocial's extension, for clients that offer Markdown.
		typ, err := enums.ContentType(ct)
		if err != nil {
			return in, err
		}
		if typ != "" {
			in.DefaultContentType = &typ
		}
	}
	return in, nil
}

// credentialAccount answers the signed-in user's own account.
func (h *Handlers) credentialAccount(w http.ResponseWriter, r *http.Request, a *ent.Account) {
	out, err := h.Renderer.CredentialAccount(r.Context(), a)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.OK(w, out)
}
