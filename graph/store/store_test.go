package store_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

func TestMigrateIsIdempotentAndStoresRows(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// A second migration over an up-to-date schema must change nothing and not fail:
		// every start-up runs it.
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		a, err := db.Account.Create().SetUsername("alice").SetURI("https://example.org/users/alice").Save(ctx)
		if err != nil {
			t.Fatalf("create account: %v", err)
		}
		if len(a.ID) != 26 {
			t.Errorf("account ID %q is not a ULID", a.ID)
		}
		_, err = db.Account.Create().SetUsername("alice").SetURI("https://example.org/users/alice2").Save(ctx)
		if err == nil {
			t.Errorf("a second local account named alice was accepted")
		}
	})
}

func TestSQLiteDSNAddsPragmas(t *testing.T) {
	got := store.SQLiteDSN("data/db.sqlite")
	for _, want := range []string{"file:data/db.sqlite?", "foreign_keys%281%29", "journal_mode%28WAL%29", "_txlock=immediate"} {
		if !strings.Contains(got, want) {
			t.Errorf("SQLiteDSN = %q, missing %q", got, want)
		}
	}
	kept := store.SQLiteDSN("file:x.db?_pragma=busy_timeout(1)")
	if strings.Contains(kept, "busy_timeout%2810000") {
		t.Errorf("SQLiteDSN overrode the caller's busy_timeout: %q", kept)
	}
}
