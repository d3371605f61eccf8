package testrig

import (
	"context"
	"testing"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/notification"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Counter is any ent query.
type Counter interface {
	Count(context.Context) (int, error)
}

// Count runs q's Count, failing the test on error.
func Count(tb testing.TB, q Counter) int {
	tb.Helper()
	n, err := q.Count(context.Background())
	if err != nil {
		tb.Fatalf("count: %v", err)
	}
	return n
}

// Notifications counts the recipient's notifications of a type.
func Notifications(tb testing.TB, db *store.DB, recipient *ent.Account, typ notification.Type) int {
	tb.Helper()
	return Count(tb, db.Notification.Query().
		Where(notification.AccountID(recipient.ID), notification.TypeEQ(typ)))
}

// ReloadStatus reads a status as stored now.
func ReloadStatus(tb testing.TB, db *store.DB, st *ent.Status) *ent.Status {
	tb.Helper()
	fresh, err := db.Status.Get(context.Background(), st.ID)
	if err != nil {
		tb.Fatalf("reload status: %v", err)
	}
	return fresh
}
