package config

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	_ "github.com/lib/pq"
	_ "modernc.org/sqlite"
)

func TestDatabaseDSN(t *testing.T) {
	const pragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout("
	tests := []struct {
		name       string
		env        map[string]string
		wantDriver string
		wantDSN    string
	}{
		{"sqlite default", nil, "sqlite", "./data/sqlite.db?" + pragmas + "5000)"},
		{"sqlite busy timeout", map[string]string{
			"FEDIGRAPH_DB_ADDRESS": "/var/lib/fedigraph/db.sqlite", "FEDIGRAPH_DB_SQLITE_BUSY_TIMEOUT": "250ms",
		}, "sqlite", "/var/lib/fedigraph/db.sqlite?" + pragmas + "250)"},
		{"sqlite URI with its own query", map[string]string{"FEDIGRAPH_DB_ADDRESS": "file:test?mode=memory"},
			"sqlite", "file:test?mode=memory&" + pragmas + "5000)"},
		{"postgres defaults", map[string]string{"FEDIGRAPH_DB_TYPE": "postgres"},
			"postgres", "postgres://localhost:5432/fedigraph?sslmode=disable"},
		{"postgres from parts, password escaped", map[string]string{
			"FEDIGRAPH_DB_TYPE": "postgres", "FEDIGRAPH_DB_ADDRESS": "db.internal", "FEDIGRAPH_DB_PORT": "5433",
			"FEDIGRAPH_DB_USER": "fedi", "FEDIGRAPH_DB_PASSWORD": "p@ss/w:rd", "FEDIGRAPH_DB_DATABASE": "social",
			"FEDIGRAPH_DB_TLS_MODE": "enable",
		}, "postgres", "postgres://fedi:p%40ss%2Fw%3Ard@db.internal:5433/social?sslmode=verify-full"},
		{"postgres IPv6 host, TLS without verification", map[string]string{
			"FEDIGRAPH_DB_TYPE": "postgres", "FEDIGRAPH_DB_ADDRESS": "::1", "FEDIGRAPH_DB_USER": "fedi",
			"FEDIGRAPH_DB_TLS_MODE": "require",
		}, "postgres", "postgres://fedi@[::1]:5432/fedigraph?sslmode=require"},
		{"postgres unix socket", map[string]string{
			"FEDIGRAPH_DB_TYPE": "postgres", "FEDIGRAPH_DB_ADDRESS": "/run/postgresql",
		}, "postgres", "postgres:///fedigraph?host=%2Frun%2Fpostgresql&port=5432&sslmode=disable"},
		{"postgres URL used as is", map[string]string{
			"FEDIGRAPH_DB_TYPE": "postgres", "FEDIGRAPH_DB_ADDRESS": "postgres://u:p@h:1/d?sslmode=require",
			"FEDIGRAPH_DB_PORT": "5555",
		}, "postgres", "postgres://u:p@h:1/d?sslmode=require"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustLoad(t, source{env: tt.env})
			if got := cfg.DatabaseDriver(); got != tt.wantDriver {
				t.Errorf("DatabaseDriver() = %q, want %q", got, tt.wantDriver)
			}
			if got := cfg.DatabaseDSN(); got != tt.wantDSN {
				t.Errorf("DatabaseDSN()\n got %s\nwant %s", got, tt.wantDSN)
			}
		})
	}
}

// TestSQLiteDSNOpens checks that the modernc driver applies the pragmas.
func TestSQLiteDSNOpens(t *testing.T) {
	cfg := mustLoad(t, source{env: map[string]string{
		"FEDIGRAPH_DB_ADDRESS": filepath.Join(t.TempDir(), "fedigraph.db"),
	}})
	db := openDB(t, cfg)
	for pragma, want := range map[string]string{"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": "5000"} {
		var got string
		if err := db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

// TestPostgresDSNConnects checks that lib/pq accepts a DSN built from the
// separate db-* options, using the test server named by
// FEDIGRAPH_TEST_POSTGRES_DSN (as graph/testrig does).
func TestPostgresDSNConnects(t *testing.T) {
	server := os.Getenv("FEDIGRAPH_TEST_POSTGRES_DSN")
	if server == "" {
		t.Skip("set FEDIGRAPH_TEST_POSTGRES_DSN to test against PostgreSQL")
	}
	u, err := url.Parse(server)
	if err != nil || u.Scheme == "" {
		t.Fatalf("FEDIGRAPH_TEST_POSTGRES_DSN must be a postgres:// URL: %q", server)
	}
	port := u.Port()
	if port == "" {
		port = "5432"
	}
	password, _ := u.User.Password()
	cfg := mustLoad(t, source{env: map[string]string{
		"FEDIGRAPH_DB_TYPE": "postgres", "FEDIGRAPH_DB_ADDRESS": u.Hostname(), "FEDIGRAPH_DB_PORT": port,
		"FEDIGRAPH_DB_USER": u.User.Username(), "FEDIGRAPH_DB_PASSWORD": password,
		"FEDIGRAPH_DB_DATABASE": u.Path[1:],
	}})
	var got string
	if err := openDB(t, cfg).QueryRow("SELECT current_database()").Scan(&got); err != nil {
		t.Fatalf("query through %s: %v", cfg.DatabaseDSN(), err)
	}
	if got != cfg.DB.Database {
		t.Errorf("connected to database %q, want %q", got, cfg.DB.Database)
	}
}

func openDB(t *testing.T, cfg *Config) *sql.DB {
	t.Helper()
	db, err := sql.Open(cfg.DatabaseDriver(), cfg.DatabaseDSN())
	if err != nil {
		t.Fatalf("open %s: %v", cfg.DatabaseDSN(), err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("ping %s %s: %v", cfg.DatabaseDriver(), strconv.Quote(cfg.DatabaseDSN()), err)
	}
	return db
}
