// Package testrig gives tests what they need to run against real components: a fresh
// database of either kind per test, keyed fixtures, and servers on loopback.
package testrig

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
)

// PostgresDSNEnv names the environment variable holding the DSN of a PostgreSQL server
// that tests may create databases on. `make test` sets it.
const PostgresDSNEnv = "FEDIGRAPH_TEST_POSTGRES_DSN"

// RequirePostgresEnv, when set, turns a skipped PostgreSQL test into a failure, so
// that a green `make test` proves the PostgreSQL half ran.
const RequirePostgresEnv = "FEDIGRAPH_TEST_REQUIRE_POSTGRES"

// Kinds lists the database kinds every storage test runs on.
var Kinds = []string{store.SQLite, store.Postgres}

// EachDB runs fn as a subtest once per database kind, each with a fresh, migrated
// database. PostgreSQL subtests are skipped, loudly, when PostgresDSNEnv is unset.
func EachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, kind := range Kinds {
		t.Run(kind, func(t *testing.T) { fn(t, NewDB(t, kind)) })
	}
}

// NewDB returns a fresh, migrated database of the given kind, removed when t ends.
func NewDB(t testing.TB, kind string) *store.DB {
	t.Helper()
	opts := NewDBOptions(t, kind)
	db, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if kind == store.SQLite {
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatalf("migrate test database: %v", err)
		}
	}
	return db
}

// NewDBOptions creates an empty database of the given kind (migrated, for PostgreSQL,
// since it is cloned from a migrated template) and returns how to open it. Tests that
// start a server process use it to hand the process its own database.
func NewDBOptions(t testing.TB, kind string) store.Options {
	t.Helper()
	switch kind {
	case store.SQLite:
		return store.Options{Type: store.SQLite, DSN: filepath.Join(t.TempDir(), "test.db")}
	case store.Postgres:
		base := os.Getenv(PostgresDSNEnv)
		if base == "" {
			if os.Getenv(RequirePostgresEnv) != "" {
				t.Fatalf("%s is set but %s is not: the PostgreSQL half of the suite must run", RequirePostgresEnv, PostgresDSNEnv)
			}
			t.Skipf("PostgreSQL tests skipped: set %s (make test does)", PostgresDSNEnv)
		}
		return store.Options{Type: store.Postgres, DSN: newPostgresDB(t, base)}
	}
	t.Fatalf("unknown database kind %q", kind)
	return store.Options{}
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// newPostgresDB clones a freshly migrated template database. Cloning takes a fraction
// of the time that migrating 35 tables does, which keeps per-test databases cheap.
func newPostgresDB(t testing.TB, base string) string {
	t.Helper()
	templateOnce.Do(func() { templateName, templateErr = makeTemplate(base) })
	if templateErr != nil {
		t.Fatalf("prepare PostgreSQL template database: %v", templateErr)
	}
	name := "fgtest_" + randomHex(6)
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("connect to PostgreSQL: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec(fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, name, templateName)); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { dropDatabase(base, name) })
	return withDatabase(base, name)
}

func makeTemplate(base string) (string, error) {
	name := "fgtmpl_" + randomHex(6)
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		return "", err
	}
	db, err := store.Open(context.Background(), store.Options{Type: store.Postgres, DSN: withDatabase(base, name)})
	if err != nil {
		return "", err
	}
	err = db.Migrate(context.Background())
	db.Close()
	if err != nil {
		return "", err
	}
	registerTemplateCleanup(base, name)
	return name, nil
}

func dropDatabase(base, name string) {
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return
	}
	defer admin.Close()
	admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
}

// withDatabase swaps the database name in a postgres:// URL or key=value DSN.
func withDatabase(dsn, name string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err == nil {
			u.Path = "/" + name
			return u.String()
		}
	}
	return dsn + " dbname=" + name
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
