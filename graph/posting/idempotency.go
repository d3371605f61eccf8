package posting

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/idempotencykey"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// IdempotencyWindow is how long a key keeps answering with the status it posted, as
// on Mastodon.
const IdempotencyWindow = time.Hour

// errRacedDuplicate marks a post that lost the race to record its idempotency key to
// a copy of the same request: the copy's status is the answer.
var errRacedDuplicate = errors.New("a concurrent request with the same idempotency key posted first")

// keyDigest is what is stored of a client's key: a fixed-length digest, so that a key
// of any length fits the column and no client value is stored as it came.
func keyDigest(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// posted returns the status the author's request with key posted within the window,
// or nil. A status deleted since does not count: the request may post again.
func posted(ctx context.Context, c *ent.Client, authorID, key string, now time.Time) (*ent.Status, error) {
	row, err := c.IdempotencyKey.Query().
		Where(idempotencykey.AccountID(authorID), idempotencykey.Key(keyDigest(key)),
			idempotencykey.CreatedAtGT(now.Add(-IdempotencyWindow))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up idempotency key: %w", err)
	}
	st, err := c.Status.Query().Where(status.ID(row.StatusID), status.AccountID(authorID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return st, err
}

// remember records in tx that key posted statusID, first forgetting the author's keys
// past the window (one of which may be this key, now free for reuse). When a copy of
// the request recorded the key first, the unique index refuses this one and the
// transaction must roll back: it returns errRacedDuplicate.
func remember(ctx context.Context, tx *store.Tx, authorID, key, statusID string, now time.Time) error {
	_, err := tx.IdempotencyKey.Delete().
		Where(idempotencykey.AccountID(authorID), idempotencykey.CreatedAtLTE(now.Add(-IdempotencyWindow))).Exec(ctx)
	if err != nil {
		return fmt.Errorf("forget expired idempotency keys: %w", err)
	}
	err = tx.IdempotencyKey.Create().SetID(ids.New(now)).SetCreatedAt(now).
		SetAccountID(authorID).SetKey(keyDigest(key)).SetStatusID(statusID).Exec(ctx)
	if ent.IsConstraintError(err) {
		return errRacedDuplicate
	}
	if err != nil {
		return fmt.Errorf("record idempotency key: %w", err)
	}
	return nil
}
