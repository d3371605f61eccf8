package main

import (
	"fmt"
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

func TestMain(m *testing.M) {
	code := m.Run()
	removeBinary()
	testrig.DropTemplates()
	os.Exit(code)
}

// TestEndToEnd runs the real binary the way an operator and a user would: start the
// server on a fresh database, create the admin account with the CLI, sign in through
// OAuth like a browser and an app, post with GraphQL, and watch the post arrive on two
// other connections' live timelines.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test builds and runs the binary; skipped with -short")
	}
	bin := buildBinary(t)
	for _, kind := range testrig.Kinds {
		t.Run(kind, func(t *testing.T) {
			var dbFlags []string
			if kind == store.SQLite {
				dbFlags = []string{"--db-type", "sqlite", "--db-address", filepath.Join(t.TempDir(), "data", "sqlite.db")}
			} else {
				dbFlags = []string{"--db-type", "postgres", "--db-address", testrig.NewDBOptions(t, store.Postgres).DSN}
			}
			inst := startInstance(t, bin, dbFlags)

			// The first start explains how to create the admin account; the command it
			// shows must work as printed, once given a password.
			printed := firstRunCommand(t, inst.logs.String())
			out, err := exec.Command("sh", "-c", strings.Replace(printed, "'…'", "'"+alicePassword+"'", 1)).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "Created account @admin@"+inst.host+" (admin)") {
				t.Errorf("the printed command\n%s\nanswered %v %q", printed, err, out)
			}

			created := inst.run(t, "admin", "account", "create",
				"--username", "alice", "--email", "alice@example.org", "--password", alicePassword)
			if !strings.Contains(created, "Created account @alice@"+inst.host) {
				t.Errorf("admin account create printed %q", created)
			}
			if out, err := inst.runErr("admin", "account", "create",
				"--username", "alice", "--email", "other@example.org", "--password", alicePassword); err == nil ||
				!strings.Contains(out, "already taken") {
				t.Errorf("creating alice twice: err %v, output %q; want a failure saying the name is taken", err, out)
			}

			token := inst.authorizeApp(t, "alice", "alice@example.org", alicePassword, "read write")

			home := inst.subscribe(t, token, `subscription { homeTimeline { kind status { id content } } }`)
			public := inst.subscribe(t, "", `subscription { publicTimeline { kind status { id content } } }`)
			// graphql-transport-ws does not acknowledge a subscription, so post until
			// both have seen a status: from then on they are surely registered.
			waitUntil(t, 15*time.Second, func() bool {
				inst.createStatus(t, token, "warming up")
				return home.sawContent("warming up", 300*time.Millisecond) &&
					public.sawContent("warming up", 300*time.Millisecond)
			})

			text := fmt.Sprintf("hello from the end-to-end test at %d", time.Now().UnixNano())
			id := inst.createStatus(t, token, text)
			for name, sub := range map[string]*subscriber{"homeTimeline": home, "publicTimeline": public} {
				if !sub.sawStatus(id, text, time.Second) {
					t.Errorf("%s did not deliver status %s within a second", name, id)
				}
			}

			checkAdminCommands(t, inst, token)
		})
	}
}

// checkAdminCommands changes alice with the CLI while the server runs and checks
// that the server sees each change at once.
func checkAdminCommands(t *testing.T, inst *instance, token string) {
	t.Helper()
	const viewer = `{ viewer { admin account { username } } }`
	isAdmin := func() bool {
		v, _ := inst.graphql(t, token, viewer)["viewer"].(map[string]any)
		admin, _ := v["admin"].(bool)
		return admin
	}
	if isAdmin() {
		t.Errorf("alice is an admin before promotion")
	}
	inst.run(t, "admin", "account", "promote", "--username", "alice")
	if !isAdmin() {
		t.Errorf("alice is not an admin after promotion")
	}
	inst.run(t, "admin", "account", "demote", "--username", "alice")
	if isAdmin() {
		t.Errorf("alice is still an admin after demotion")
	}
	inst.run(t, "admin", "account", "disable", "--username", "alice")
	if code := inst.graphqlErrorCode(t, token, viewer); code != "UNAUTHENTICATED" {
		t.Errorf("a disabled account's token got %q, want UNAUTHENTICATED", code)
	}
	inst.run(t, "admin", "account", "enable", "--username", "alice")
	inst.graphql(t, token, viewer) // works again
	if out, err := inst.runErr("admin", "account", "confirm", "--username", "nobody"); err == nil ||
		!strings.Contains(out, "no local account named") {
		t.Errorf("confirming an unknown account: %v %q", err, out)
	}
}

const alicePassword = "correct horse battery staple"

// firstRunCommand finds the admin account command in the first-run instructions,
// joining its continuation line.
func firstRunCommand(t *testing.T, logs string) string {
	t.Helper()
	lines := strings.Split(logs, "\n")
	for i, line := range lines {
		if strings.Contains(line, " admin account create ") && i+1 < len(lines) {
			return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line), "\\")) + " " + strings.TrimSpace(lines[i+1])
		}
	}
	t.Fatalf("a first start printed no instructions for creating the admin account:\n%s", logs)
	return ""
}

// authorizeApp registers an app as Mastodon apps do, then signs username in through
// the sign-in and consent pages in a cookie-keeping browser and exchanges the
// out-of-band code for a token.
func (inst *instance) authorizeApp(t *testing.T, username, email, password, scopes string) string {
	t.Helper()
	const oob = "urn:ietf:wg:oauth:2.0:oob"
	app := inst.postForm(t, "/api/v1/apps", url.Values{
		"client_name": {"e2e"}, "redirect_uris": {oob}, "scopes": {scopes},
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
