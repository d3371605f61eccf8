package inbound

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/block"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/ent/followrequest"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
)

// undo applies an Undo of the actor's Follow, Like, Announce or Block. The undone
// activity may be embedded or named only by its ID; either way it is found among the
// rows it made (whose URIs are the activities' IDs) and must be the actor's own.
// Undoing what is not there (undone already, or never received) is fine.
func (p *Processor) undo(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	inner := innerActivity(act)
	kind := ""
	if inner != nil {
		if inner.Actor != signer.URI {
			return forbidden("undoes %s's activity", inner.Actor)
		}
		kind = inner.Type
	} else if act.Object != nil && act.Object.Type != "" {
		kind = act.Object.Type
	}
	iri := objectIRI(act)
	if kind == "" {
		var err error
		if kind, err = p.kindOf(ctx, iri, signer); err != nil || kind == "" {
			return err
		}
	}
	switch kind {
	case "Follow":
		return p.undoFollow(ctx, iri, inner, signer)
	case "Like":
		return p.undoLike(ctx, iri, inner, signer)
	case "Announce":
		return p.undoAnnounce(ctx, iri, inner, signer)
	case "Block":
		return p.undoBlock(ctx, iri, inner, signer)
	}
	return unsupported("an Undo of a %s", kind)
}

// kindOf finds which of the actor's activities the ID names, by the rows they made.
func (p *Processor) kindOf(ctx context.Context, iri string, signer *ent.Account) (string, error) {
	if iri == "" {
		return "", unsupported("an Undo without its object")
	}
	checks := []struct {
		kind  string
		exist func(context.Context) (bool, error)
	}{
		{"Follow", p.DB.Follow.Query().Where(follow.URI(iri), follow.AccountID(signer.ID)).Exist},
		{"Follow", p.DB.FollowRequest.Query().Where(followrequest.URI(iri), followrequest.AccountID(signer.ID)).Exist},
		{"Like", p.DB.Favourite.Query().Where(favourite.URI(iri), favourite.AccountID(signer.ID)).Exist},
		{"Announce", p.DB.Status.Query().Where(status.URI(iri), status.AccountID(signer.ID), status.ReblogOfIDNotNil()).Exist},
		{"Block", p.DB.Block.Query().Where(block.URI(iri), block.AccountID(signer.ID)).Exist},
	}
	for _, c := range checks {
		ok, err := c.exist(ctx)
		if err != nil {
			return "", fmt.Errorf("look up %s: %w", iri, err)
		}
		if ok {
			return c.kind, nil
		}
	}
	return "", nil
}

// undoFollow ends the actor's follow of (or request to follow) a local account.
func (p *Processor) undoFollow(ctx context.Context, iri string, inner *ap.Activity, signer *ent.Account) error {
	targetID, err := firstString(ctx,
		p.DB.Follow.Query().Where(follow.URI(iri), follow.AccountID(signer.ID)).Select(follow.FieldTargetAccountID).Strings,
		p.DB.FollowRequest.Query().Where(followrequest.URI(iri), followrequest.AccountID(signer.ID)).Select(followrequest.FieldTargetAccountID).Strings,
	)
	if err != nil {
		return err
	}
	if targetID == "" && inner != nil {
		target, err := p.localAccount(ctx, inner.ObjectIRI)
		if err != nil {
			return nil // a follow of no local account: nothing here to undo
		}
		targetID = target.ID
	}
	if targetID == "" {
		return nil
	}
	_, err = p.Relations.Unfollow(ctx, signer.ID, targetID)
	return err
}

// undoLike takes back the actor's favourite.
func (p *Processor) undoLike(ctx context.Context, iri string, inner *ap.Activity, signer *ent.Account) error {
	statusID, err := firstString(ctx,
		p.DB.Favourite.Query().Where(favourite.URI(iri), favourite.AccountID(signer.ID)).Select(favourite.FieldStatusID).Strings)
	if err != nil {
		return err
	}
	if statusID == "" && inner != nil && inner.ObjectIRI != "" {
		statusID, err = firstString(ctx,
			p.DB.Status.Query().Where(status.URI(inner.ObjectIRI)).Select(status.FieldID).Strings)
		if err != nil {
			return err
		}
	}
	if statusID == "" {
		return nil
	}
	_, err = p.Interact.Unfavourite(ctx, signer.ID, statusID)
	if isNotFound(err) {
		return nil
	}
	return err
}

// undoAnnounce deletes the actor's boost.
func (p *Processor) undoAnnounce(ctx context.Context, iri string, inner *ap.Activity, signer *ent.Account) error {
	boost, err := p.DB.Status.Query().
		Where(status.URI(iri), status.AccountID(signer.ID), status.ReblogOfIDNotNil()).Only(ctx)
	if err == nil {
		return p.Ingest.DeleteStatus(ctx, boost.URI, signer)
	}
	if !ent.IsNotFound(err) {
		return fmt.Errorf("load boost %s: %w", iri, err)
	}
	if inner == nil || inner.ObjectIRI == "" {
		return nil
	}
	origID, err := firstString(ctx,
		p.DB.Status.Query().Where(status.URI(inner.ObjectIRI)).Select(status.FieldID).Strings)
	if err != nil || origID == "" {
		return err
	}
	_, err = p.Interact.Unboost(ctx, signer.ID, origID)
	if isNotFound(err) {
		return nil
	}
	return err
}

// undoBlock lifts the actor's block of a local account.
func (p *Processor) undoBlock(ctx context.Context, iri string, inner *ap.Activity, signer *ent.Account) error {
	targetID, err := firstString(ctx,
		p.DB.Block.Query().Where(block.URI(iri), block.AccountID(signer.ID)).Select(block.FieldTargetAccountID).Strings)
	if err != nil {
		return err
	}
	if targetID == "" && inner != nil {
		target, err := p.localAccount(ctx, inner.ObjectIRI)
		if err != nil {
			return nil
		}
		targetID = target.ID
	}
	if targetID == "" {
		return nil
	}
	_, err = p.Relations.Unblock(ctx, signer.ID, targetID)
	return err
}

// firstString runs the queries in turn and returns the first value any of them finds.
func firstString(ctx context.Context, queries ...func(context.Context) ([]string, error)) (string, error) {
	for _, q := range queries {
		vs, err := q(ctx)
		if err != nil {
			return "", fmt.Errorf("look up undone activity: %w", err)
		}
		if len(vs) > 0 {
			return vs[0], nil
		}
	}
	return "", nil
}
