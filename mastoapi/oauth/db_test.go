package oauth_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"
	_ "modernc.org/sqlite"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/auth"
)

// This file is a stop-gap until the shared test rig lands: a fresh database per test on
// SQLite, and on PostgreSQL too when FEDIGRAPH_TEST_POSTGRES_DSN is set.

// eachDB runs fn once per available database, each with a fresh, migrated schema.
func eachDB(t *testing.T, fn func(t *testing.T, db *ent.Client)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openSQLite(t)) })
	if dsn := os.Getenv("FEDIGRAPH_TEST_POSTGRES_DSN"); dsn != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, openPostgres(t, dsn)) })
	}
}

func openSQLite(t *testing.T) *ent.Client {
	t.Helper()
	name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())
	db, err := sql.Open("sqlite", "file:"+name+"?mode=memory&cache=shared&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return migrated(t, entsql.OpenDB(dialect.SQLite, db))
}

func openPostgres(t *testing.T, dsn string) *ent.Client {
	t.Helper()
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	schema := fmt.Sprintf("t%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE") })
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	db, err := sql.Open("postgres", dsn+sep+"search_path="+schema)
	if err != nil {
		t.Fatal(err)
	}
	return migrated(t, entsql.OpenDB(dialect.Postgres, db))
}

func migrated(t *testing.T, drv *entsql.Driver) *ent.Client {
	t.Helper()
	client := ent.NewClient(ent.Driver(drv))
	t.Cleanup(func() { client.Close() })
	if err := client.Schema.Create(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return client
}

// newUser creates a confirmed local user with an account, as registration would.
func newUser(t *testing.T, db *ent.Client, username, password string, disabled bool) *ent.User {
	t.Helper()
	ctx := context.Background()
	a, err := db.Account.Create().SetUsername(username).SetURI("http://localhost/users/" + username).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.User.Create().SetEmail(username + "@example.org").SetPasswordHash(hash).SetAccount(a).
		SetConfirmedAt(time.Now()).SetDisabled(disabled).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
