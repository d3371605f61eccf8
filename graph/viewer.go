package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/predicate"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/model"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// viewerID is the signed-in account's ID, or "" for a signed-out visitor.
func viewerID(ctx context.Context) string {
	if v := auth.FromContext(ctx); v != nil {
		return v.AccountID
	}
	return ""
}

// actorID is the signed-in account's ID for fields behind @auth, which guarantees one.
func actorID(ctx context.Context) string { return auth.FromContext(ctx).AccountID }

// visibleStatus loads a status the viewer may see, or answers NOT_FOUND.
func (r *Resolver) visibleStatus(ctx context.Context, id string) (*ent.Status, error) {
	ok, err := visibility.Visible(ctx, r.DB.Client, viewerID(ctx), id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, apperr.NotFoundf("status not found")
	}
	return withStatusEdges(r.DB.Status.Query()).Where(statusIDIs(id)).Only(ctx)
}

// accountByAcct finds an account by user, user@domain or @user@domain; the local
// domain may be written or left out.
func (r *Resolver) accountByAcct(ctx context.Context, acct string) (*ent.Account, error) {
	username, domain, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(acct), "@"), "@")
	domain = strings.ToLower(domain)
	if domain == strings.ToLower(r.Settings.AccountDomain) || domain == strings.ToLower(r.Settings.URIs.Host) {
		domain = ""
	}
	a, err := r.DB.Account.Query().
		Where(account.UsernameEqualFold(username), account.Domain(domain), account.SuspendedAtIsNil()).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("account not found")
	}
	return a, err
}

// viewerModel renders the signed-in user's own view of their account.
func (r *Resolver) viewerModel(ctx context.Context) (*model.Viewer, error) {
	id := actorID(ctx)
	a, err := r.DB.Account.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load viewer: %w", err)
	}
	u, err := r.DB.User.Query().Where(user.HasAccountWith(account.ID(id))).Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("load viewer's user: %w", err)
	}
	fields := make([]*model.ProfileField, len(a.Fields))
	for i, f := range a.Fields {
		fields[i] = &model.ProfileField{Name: f.Name, Value: f.Value, VerifiedAt: f.VerifiedAt}
	}
	return &model.Viewer{
		Account: a, Email: u.Email, Admin: u.Admin, Moderator: u.Moderator,
		NoteSource: a.NoteSource, FieldsSource: fields,
		DefaultVisibility:  statusVisibility(string(u.DefaultVisibility)),
		DefaultSensitive:   u.DefaultSensitive,
		DefaultLanguage:    u.DefaultLanguage,
		DefaultContentType: statusContentType(string(u.DefaultContentType)),
	}, nil
}

// The user's defaults are stored with the same names as the status enums.
func statusVisibility(v string) status.Visibility   { return status.Visibility(v) }
func statusContentType(v string) status.ContentType { return status.ContentType(v) }

func statusIDIs(id string) predicate.Status { return status.ID(id) }

// accountsInOrder loads the accounts with the given IDs in that order, leaving out
// those gone or suspended.
func (r *Resolver) accountsInOrder(ctx context.Context, ids []string) ([]*ent.Account, error) {
	rows, err := r.DB.Account.Query().Where(account.IDIn(ids...), account.SuspendedAtIsNil()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	byID := make(map[string]*ent.Account, len(rows))
	for _, a := range rows {
		byID[a.ID] = a
	}
	out := make([]*ent.Account, 0, len(ids))
	for _, id := range ids {
		if a := byID[id]; a != nil {
			out = append(out, a)
		}
	}
	return out, nil
}
