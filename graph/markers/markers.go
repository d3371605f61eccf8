// Package markers keeps how far an account has read its home timeline and its
// notifications, so that several apps signed in to one account can pick up where
// another left off. Each save of a timeline's position raises its version by one,
// which apps use to tell whether another app has moved the marker since.
package markers

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/marker"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// maxIDLength bounds a saved position. Positions are IDs that apps read from this
// server and echo back; anything much longer than an ID is not one.
const maxIDLength = 100

// Timelines are the timelines an account can mark, in the order they are listed.
var Timelines = []marker.Timeline{marker.TimelineHOME, marker.TimelineNOTIFICATIONS}

// Get returns the account's markers for the named timelines (every timeline when none
// is named), in the order of Timelines. A timeline never marked has no marker.
func Get(ctx context.Context, c *ent.Client, accountID string, timelines []marker.Timeline) ([]*ent.Marker, error) {
	q := c.Marker.Query().Where(marker.AccountID(accountID))
	if len(timelines) > 0 {
		q = q.Where(marker.TimelineIn(timelines...))
	}
	ms, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load markers: %w", err)
	}
	sortByTimeline(ms)
	return ms, nil
}

// LastRead is the position the account has read the timeline up to, or "" when it
// has never marked it.
func LastRead(ctx context.Context, c *ent.Client, accountID string, tl marker.Timeline) (string, error) {
	m, err := c.Marker.Query().Where(marker.AccountID(accountID), marker.TimelineEQ(tl)).Only(ctx)
	if ent.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("load %s marker: %w", tl, err)
	}
	return m.LastReadID, nil
}

// Save moves the account's markers to the given positions (timeline → ID of the last
// item read) in one transaction and returns the saved markers in the order of
// Timelines. A marker saved for the first time has version 0, and each later save
// raises it by one. Two apps saving one account's first marker at the same moment
// collide: one of them gets a Conflict and should try again, as on Mastodon.
func Save(ctx context.Context, db *store.DB, accountID string, positions map[marker.Timeline]string, now time.Time) ([]*ent.Marker, error) {
	if err := check(positions); err != nil {
		return nil, err
	}
	var saved []*ent.Marker
	err := db.InTx(ctx, func(tx *store.Tx) error {
		for _, tl := range Timelines {
			pos, ok := positions[tl]
			if !ok {
				continue
			}
			m, err := save(ctx, tx, accountID, tl, pos, now)
			if err != nil {
				return err
			}
			saved = append(saved, m)
		}
		return nil
	})
	if ent.IsConstraintError(err) {
		return nil, apperr.Wrap(apperr.Conflict, err, "Conflict during update, please try again")
	}
	if err != nil {
		return nil, err
	}
	return saved, nil
}

func save(ctx context.Context, tx *store.Tx, accountID string, tl marker.Timeline, pos string, now time.Time) (*ent.Marker, error) {
	existing, err := tx.Marker.Query().Where(marker.AccountID(accountID), marker.TimelineEQ(tl)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		m, err := tx.Marker.Create().SetID(ids.New(now)).SetCreatedAt(now).SetUpdatedAt(now).
			SetAccountID(accountID).SetTimeline(tl).SetLastReadID(pos).Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("create %s marker: %w", tl, err)
		}
		return m, nil
	case err != nil:
		return nil, fmt.Errorf("load %s marker: %w", tl, err)
	}
	// AddVersion increments in SQL, so two saves at once both count.
	m, err := existing.Update().SetLastReadID(pos).AddVersion(1).SetUpdatedAt(now).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("update %s marker: %w", tl, err)
	}
	return m, nil
}

func check(positions map[marker.Timeline]string) error {
	for tl, pos := range positions {
		if err := marker.TimelineValidator(tl); err != nil {
			return apperr.BadInputf("Validation failed: unknown timeline %q", tl)
		}
		if pos == "" || len(pos) > maxIDLength {
			return apperr.BadInputf("Validation failed: last_read_id of %s must be an ID", tl)
		}
	}
	return nil
}

func sortByTimeline(ms []*ent.Marker) {
	slices.SortFunc(ms, func(a, b *ent.Marker) int {
		return slices.Index(Timelines, a.Timeline) - slices.Index(Timelines, b.Timeline)
	})
}
