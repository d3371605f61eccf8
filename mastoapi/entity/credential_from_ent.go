package entity

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/followrequest"
)

// CredentialAccount renders the signed-in user's own account with what only its owner
// sees: the bio and fields as typed, the posting defaults, the number of follow
// requests waiting, and the user's role.
func (r *Renderer) CredentialAccount(ctx context.Context, a *ent.Account) (*CredentialAccount, error) {
	u, err := a.Edges.UserOrErr()
	if err != nil || u == nil {
		u, err = r.DB.Account.QueryUser(a).Only(ctx)
		if err != nil {
			return nil, fmt.Errorf("render credential account %s: load user: %w", a.ID, err)
		}
	}
	requests, err := r.DB.FollowRequest.Query().Where(followrequest.TargetAccountID(a.ID)).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("render credential account %s: count follow requests: %w", a.ID, err)
	}
	acc, err := r.Account(ctx, a)
	if err != nil {
		return nil, err
	}
	return &CredentialAccount{
		Account: *acc,
		Source: Source{
			Privacy:             VisibilityName(string(u.DefaultVisibility)),
			Sensitive:           u.DefaultSensitive,
			Language:            u.DefaultLanguage,
			Note:                a.NoteSource,
			Fields:              sourceFields(a.Fields),
			FollowRequestsCount: requests,
			HideCollections:     a.HideCollections,
			Discoverable:        a.Discoverable,
			Indexable:           a.Indexable,
		},
		Role: roleOf(u),
	}, nil
}

// Mastodon's role permission bits (app/models/user_role.rb) that fedigraph's two staff
// flags stand for.
const (
	permAdministrator    = 1 << 0
	permViewAuditLog     = 1 << 2
	permViewDashboard    = 1 << 3
	permManageReports    = 1 << 4
	permManageTaxonomies = 1 << 8
	permManageAppeals    = 1 << 9
	permManageUsers      = 1 << 10
	permInviteUsers      = 1 << 16
)

// roleOf maps the user's admin and moderator flags onto Mastodon's three built-in
// roles, so that clients show (or hide) their moderation screens as they would on
// Mastodon. Administrator implies every other permission there.
func roleOf(u *ent.User) Role {
	switch {
	case u.Admin:
		return Role{ID: "3", Name: "Admin", Permissions: fmt.Sprint(permAdministrator | permInviteUsers), Highlighted: true}
	case u.Moderator:
		perms := permViewAuditLog | permViewDashboard | permManageReports | permManageTaxonomies |
			permManageAppeals | permManageUsers | permInviteUsers
		return Role{ID: "1", Name: "Moderator", Permissions: fmt.Sprint(perms), Highlighted: true}
	default:
		// Mastodon's "everyone" role: the permissions every user has.
		return Role{ID: "-99", Name: "", Permissions: fmt.Sprint(permInviteUsers)}
	}
}
