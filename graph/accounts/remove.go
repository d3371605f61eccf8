package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/favourite"
	"github.com/fedigraph/fedigraph/ent/pollvote"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/ent/user"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Remover takes away what a deleted account made and the relationships it had. The
// account row itself stays, suspended: notifications, reports and moderation notes that
// name it keep their meaning, its URI cannot be taken by someone else, and its key can
// still sign the Delete that tells other servers. A remote actor's Delete of itself and
// the deletion of a local account both come here.
type Remover struct {
	DB        *store.DB
	Relations *relations.Service
	Interact  *interact.Service
	// DeleteStatus deletes one of the account's statuses or boosts, keeping counters
	// and live timelines in step. A remote account's go through federation's
	// ingester; a local account's through LocalStatusDeleter.
	DeleteStatus func(ctx context.Context, a *ent.Account, st *ent.Status) error
	Now          func() time.Time // nil = time.Now
}

// removeBatch bounds the rows one step of a removal loads.
const removeBatch = 100

// Remove suspends the account (if it is not yet) and removes its follows and follow
// requests both ways (with the other side's counters), its favourites (through
// graph/interact, counters and notifications with them), its boosts and statuses, and
// its poll votes. Running it again finds nothing left to do.
func (r *Remover) Remove(ctx context.Context, a *ent.Account) error {
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	err := r.DB.Account.Update().Where(account.ID(a.ID), account.SuspendedAtIsNil()).
		SetSuspendedAt(now()).Exec(ctx)
	if err != nil {
		return fmt.Errorf("suspend deleted account %s: %w", a.URI, err)
	}
	if err := r.Relations.ForgetFollows(ctx, a.ID); err != nil {
		return err
	}
	for {
		favs, err := r.DB.Favourite.Query().Where(favourite.AccountID(a.ID)).Limit(removeBatch).All(ctx)
		if err != nil {
			return fmt.Errorf("load favourites of %s: %w", a.URI, err)
		}
		for _, f := range favs {
			if _, err := r.Interact.Unfavourite(ctx, a.ID, f.StatusID); err != nil && !isNotFound(err) {
				return err
			}
			// Unfavourite leaves a like it cannot see the status of; this one must go.
			if err := r.DB.Favourite.DeleteOneID(f.ID).Exec(ctx); err != nil && !ent.IsNotFound(err) {
				return fmt.Errorf("delete favourite: %w", err)
			}
		}
		if len(favs) < removeBatch {
			break
		}
	}
	// Boosts first: deleting an original removes the boosts of it with it.
	for _, boosts := range []bool{true, false} {
		if err := r.removeStatuses(ctx, a, boosts); err != nil {
			return err
		}
	}
	if _, err := r.DB.PollVote.Delete().Where(pollvote.AccountID(a.ID)).Exec(ctx); err != nil {
		return fmt.Errorf("delete poll votes of %s: %w", a.URI, err)
	}
	return nil
}

// removeStatuses deletes the account's boosts, or its other statuses, a batch at a
// time. A status that stays after its deletion ends the loop rather than spin on it.
func (r *Remover) removeStatuses(ctx context.Context, a *ent.Account, boosts bool) error {
	kind := status.ReblogOfIDIsNil()
	if boosts {
		kind = status.ReblogOfIDNotNil()
	}
	tried := map[string]bool{}
	for {
		sts, err := r.DB.Status.Query().Where(status.AccountID(a.ID), kind).
			Order(ent.Asc(status.FieldID)).Limit(removeBatch).All(ctx)
		if err != nil {
			return fmt.Errorf("load statuses of %s: %w", a.URI, err)
		}
		progress := false
		for _, st := range sts {
			if tried[st.ID] {
				continue
			}
			tried[st.ID], progress = true, true
			if err := r.DeleteStatus(ctx, a, st); err != nil {
				return err
			}
		}
		if len(sts) < removeBatch || !progress {
			return nil
		}
	}
}

// LocalStatusDeleter deletes a local account's statuses without federating each: the
// account's Delete tells other servers to drop them all.
func LocalStatusDeleter(db *store.DB, in *interact.Service) func(ctx context.Context, a *ent.Account, st *ent.Status) error {
	return func(ctx context.Context, a *ent.Account, st *ent.Status) error {
		if st.ReblogOfID != nil {
			_, err := in.Unboost(ctx, a.ID, *st.ReblogOfID)
			if isNotFound(err) {
				return db.Status.DeleteOneID(st.ID).Exec(ctx) // a boost of what it may no longer see
			}
			return err
		}
		err := db.InTx(ctx, func(tx *store.Tx) error { return posting.RemoveStatus(ctx, tx, in.Events, st) })
		if ent.IsNotFound(err) {
			return nil
		}
		return err
	}
}

// DeleteLocal deletes a local account: other servers are told (through f, in the same
// transaction that closes the account, so they hear of it even if the process stops
// half-way through the rest), the user can no longer sign in and its tokens stop
// working, the profile is emptied, and then r removes what it made.
func DeleteLocal(ctx context.Context, db *store.DB, f federate.Federator, r *Remover, username string) error {
	a, err := FindLocalByUsername(ctx, db, username)
	if err != nil {
		return err
	}
	err = db.InTx(ctx, func(tx *store.Tx) error {
		if err := federate.Send(ctx, f, tx, federate.Activity{Kind: federate.DeleteActor, ActorID: a.ID}); err != nil {
			return err
		}
		err := tx.User.Update().Where(user.HasAccountWith(account.ID(a.ID))).SetDisabled(true).Exec(ctx)
		if err != nil {
			return fmt.Errorf("disable user of %s: %w", username, err)
		}
		return tx.Account.UpdateOneID(a.ID).
			SetDisplayName("").SetNote("").SetNoteSource("").ClearFields().
			SetSuspendedAt(time.Now()).Exec(ctx)
	})
	if err != nil {
		return fmt.Errorf("delete account %s: %w", username, err)
	}
	return r.Remove(ctx, a)
}

func isNotFound(err error) bool {
	var ae *apperr.Error
	return ent.IsNotFound(err) || (errors.As(err, &ae) && ae.Code == apperr.NotFound)
}
