package relations

import (
	"context"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mute"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// MuteOptions say how far a mute goes.
type MuteOptions struct {
	Notifications *bool         // also hide notifications from the account (default true)
	Duration      time.Duration // how long the mute lasts; 0 = until lifted
}

// Mute hides the target's posts from the actor's timelines and, unless told
// otherwise, its notifications. Muting again replaces the options and the duration.
func (s *Service) Mute(ctx context.Context, actorID, targetID string, o MuteOptions) (*Relationship, error) {
	if actorID == targetID {
		return nil, apperr.BadInputf("Validation failed: you cannot mute yourself")
	}
	if o.Duration < 0 {
		return nil, apperr.BadInputf("Validation failed: a mute cannot last a negative time")
	}
	now := s.now()
	var expires *time.Time
	if o.Duration > 0 {
		t := now.Add(o.Duration)
		expires = &t
	}
	hide := valueOr(o.Notifications, true)
	return s.change(ctx, actorID, targetID, func(tx *store.Tx, p pair) error {
		existing, err := tx.Mute.Query().
			Where(mute.AccountID(actorID), mute.TargetAccountID(targetID)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			err = tx.Mute.Create().SetID(ids.New(now)).SetCreatedAt(now).
				SetAccountID(actorID).SetTargetAccountID(targetID).
				SetHideNotifications(hide).SetNillableExpiresAt(expires).Exec(ctx)
			return wrap(err, "create mute")
		case err != nil:
			return fmt.Errorf("load mute: %w", err)
		}
		upd := existing.Update().SetHideNotifications(hide)
		if expires != nil {
			upd.SetExpiresAt(*expires)
		} else {
			upd.ClearExpiresAt()
		}
		return wrap(upd.Exec(ctx), "update mute")
	})
}

// Unmute lifts the actor's mute of the target. Unmuting an account not muted is fine.
func (s *Service) Unmute(ctx context.Context, actorID, targetID string) (*Relationship, error) {
	return s.change(ctx, actorID, targetID, func(tx *store.Tx, p pair) error {
		_, err := tx.Mute.Delete().
			Where(mute.AccountID(actorID), mute.TargetAccountID(targetID)).Exec(ctx)
		return wrap(err, "delete mute")
	})
}
