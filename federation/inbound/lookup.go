package inbound

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/apperr"
)

// localAccount is the local account with the ActivityPub ID uri (ErrNotFound when
// there is none: the activity is about someone else).
func (p *Processor) localAccount(ctx context.Context, uri string) (*ent.Account, error) {
	a, err := p.DB.Account.Query().Where(account.URI(uri), account.Domain("")).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound("no local account %s", uri)
	}
	if err != nil {
		return nil, fmt.Errorf("load account %s: %w", uri, err)
	}
	return a, nil
}

// localStatus is the local status with the ActivityPub ID uri.
func (p *Processor) localStatus(ctx context.Context, uri string) (*ent.Status, error) {
	st, err := p.DB.Status.Query().Where(status.URI(uri), status.Local(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound("no local status %s", uri)
	}
	if err != nil {
		return nil, fmt.Errorf("load status %s: %w", uri, err)
	}
	return st, nil
}

// status is the status with the ActivityPub ID uri: stored, or fetched through
// Resolve.
func (p *Processor) status(ctx context.Context, uri string) (*ent.Status, error) {
	st, err := p.DB.Status.Query().Where(status.URI(uri)).Only(ctx)
	if ent.IsNotFound(err) && p.Resolve != nil {
		st, err = p.Resolve.Status(ctx, uri)
	}
	if ent.IsNotFound(err) {
		return nil, notFound("no status %s", uri)
	}
	if err != nil {
		return nil, fmt.Errorf("resolve status %s: %w", uri, err)
	}
	return st, nil
}

// account is the account with the ActivityPub ID uri: stored, or fetched through
// Resolve.
func (p *Processor) account(ctx context.Context, uri string) (*ent.Account, error) {
	a, err := p.DB.Account.Query().Where(account.URI(uri)).Only(ctx)
	if ent.IsNotFound(err) && p.Resolve != nil {
		a, err = p.Resolve.Account(ctx, uri)
	}
	if ent.IsNotFound(err) {
		return nil, notFound("no account %s", uri)
	}
	if err != nil {
		return nil, fmt.Errorf("resolve account %s: %w", uri, err)
	}
	return a, nil
}

func isNotFound(err error) bool {
	return ent.IsNotFound(err) || apperr.Is(err, apperr.NotFound)
}
