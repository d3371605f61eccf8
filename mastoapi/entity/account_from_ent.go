package entity

import (
	"context"
	"errors"

	"github.com/fedigraph/fedigraph/ent"
)

// Account renders one account.
func (r *Renderer) Account(ctx context.Context, a *ent.Account) (*Account, error) {
	return nil, errors.New("entity: Account not implemented yet")
}

// Accounts renders accounts in the order given, with a fixed number of queries.
func (r *Renderer) Accounts(ctx context.Context, as []*ent.Account) ([]*Account, error) {
	return nil, errors.New("entity: Accounts not implemented yet")
}

// CredentialAccount renders the signed-in user's own account, with its source and role.
func (r *Renderer) CredentialAccount(ctx context.Context, a *ent.Account) (*CredentialAccount, error) {
	return nil, errors.New("entity: CredentialAccount not implemented yet")
}
