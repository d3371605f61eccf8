package main

import (
	"context"
	"net/url"
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

// authorizeApp registers an app as masto.js users do, then signs username in through
// the sign-in and consent pages in a cookie-keeping browser and exchanges the
// out-of-band code for a token.
func (inst *instance) authorizeApp(t *testing.T, username, email, password, scopes string) string {
	t.Helper()
	const oob = "urn:ietf:wg:oauth:2.0:oob"
	app := inst.postForm(t, "/api/v1/apps", url.Values{
		"client_name": {"masto.js e2e"}, "redirect_uris": {oob}, "scopes": {scopes},
	})
	clientID, _ := app["client_id"].(string)
	clientSecret, _ := app["client_secret"].(string)

	b := inst.newBrowser(t)
	p := b.get(t, "/oauth/authorize?"+url.Values{
		"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {oob}, "scope": {scopes},
	}.Encode())
	if p.url.Path != "/auth/sign_in" {
		t.Fatalf("authorize without a session led to %s, want the sign-in page", p.url)
	}
	p = b.submit(t, p, url.Values{"email": {email}, "password": {password}})
	if p.url.Path != "/oauth/authorize" || !strings.Contains(p.body, "@"+username) {
		t.Fatalf("sign-in led to %d %s, want the consent page for @%s", p.status, p.url, username)
	}
	p = b.submit(t, p, url.Values{"decision": {"allow"}})
	code := p.url.Query().Get("code")
	if p.url.Path != "/oauth/oob" || code == "" {
		t.Fatalf("consent led to %d %s, want the out-of-band code page", p.status, p.url)
	}
	tok := inst.postForm(t, "/oauth/token", url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {oob},
		"client_id": {clientID}, "client_secret": {clientSecret}, "scope": {scopes},
	})
	token, _ := tok["access_token"].(string)
	if token == "" || tok["scope"] != scopes {
		t.Fatalf("token endpoint answered %v, want a token for %q", tok, scopes)
	}
	return token
}
