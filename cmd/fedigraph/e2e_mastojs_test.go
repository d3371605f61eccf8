package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// mastojsDir is the node project whose tests drive the server through masto.js.
const mastojsDir = "../../mastoapi/e2e"

// mastojsTimeout bounds one run of the whole node suite against one server.
const mastojsTimeout = 5 * time.Minute

// mastojsUser is an account the node tests act as; its token reaches them as
// FEDIGRAPH_TOKEN_<NAME>. Bob is the one the tests lock (through masto.js's
// update_credentials), so that following him needs his approval.
type mastojsUser struct{ username, email string }

var mastojsUsers = []mastojsUser{
	{"alice", "alice@example.org"},
	{"bob", "bob@example.org"},
	{"carol", "carol@example.org"},
}

// TestMastoJS drives the real binary through masto.js, the Mastodon client library
// that Elk and Phanpy are built on: the Go side starts the server on each database,
// creates the accounts with the CLI and signs each in through the OAuth pages like a
// browser; the node tests in mastoapi/e2e then use the tokens as an app would.
func TestMastoJS(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test builds and runs the binary; skipped with -short")
	}
	node := mastojsNode(t)
	bin := buildBinary(t)
	for _, kind := range testrig.Kinds {
		t.Run(kind, func(t *testing.T) {
			inst := startInstance(t, bin, mastojsDBFlags(t, kind))
			env := append(os.Environ(), "FEDIGRAPH_URL="+inst.base)
			for _, u := range mastojsUsers {
				inst.run(t, "admin", "account", "create",
					"--username", u.username, "--email", u.email, "--password", alicePassword)
				token := inst.authorizeApp(t, u.username, u.email, alicePassword, "read write follow push")
				env = append(env, "FEDIGRAPH_TOKEN_"+strings.ToUpper(u.username)+"="+token)
			}
			runNodeTests(t, node, env)
		})
	}
}

// mastojsNode finds node and the installed node_modules. Without them the test skips
// with the fix, except in CI, where a missing install is a broken pipeline.
func mastojsNode(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		msg := what + ": run `npm ci` in mastoapi/e2e to run the masto.js end-to-end tests"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed")
	}
	if _, err := os.Stat(filepath.Join(mastojsDir, "node_modules", "masto")); err != nil {
		missing("mastoapi/e2e/node_modules is missing")
	}
	return node
}

func mastojsDBFlags(t *testing.T, kind string) []string {
	if kind == store.SQLite {
		return []string{"--db-type", "sqlite", "--db-address", filepath.Join(t.TempDir(), "data", "sqlite.db")}
	}
	return []string{"--db-type", "postgres", "--db-address", testrig.NewDBOptions(t, store.Postgres).DSN}
}

// runNodeTests runs every *.test.js in mastoapi/e2e and fails with node's report if
// any test fails; with -v the report shows which tests passed and which are to do.
func runNodeTests(t *testing.T, node string, env []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), mastojsTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--test", "--test-reporter=spec", "--test-timeout=30000")
	cmd.Dir, cmd.Env = mastojsDir, env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test in mastoapi/e2e failed after %s (%v):\n%s", time.Since(start).Round(time.Millisecond), err, out)
	}
	t.Logf("node --test in mastoapi/e2e passed in %s:\n%s", time.Since(start).Round(time.Millisecond), out)
}
