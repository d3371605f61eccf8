package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestFederationEndToEnd runs two fedigraph processes on distinct loopback addresses,
// one on SQLite and one on PostgreSQL, and checks through their client APIs that what
// people do on one reaches the other.
func TestFederationEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test builds and runs the binary; skipped with -short")
	}
	bin := buildBinary(t)
	fedFlags := []string{
		"--http-client-allow-ips", "127.0.0.0/8",
		"--federation-delivery-backoff", "300ms",
	}
	// Servers federate by host name, without a port: each gets port 80 of its own
	// loopback address (the test runs as root in CI; elsewhere it needs the right to
	// bind port 80).
	for _, addr := range []string{"127.0.0.2", "127.0.0.3"} {
		ln, err := net.Listen("tcp", addr+":80")
		if err != nil {
			t.Fatalf("the federation test needs port 80 on %s: %v", addr, err)
		}
		ln.Close()
	}
	one := newInstanceOnPort(t, bin, "127.0.0.2", 80, append([]string{
		"--db-type", "sqlite", "--db-address", filepath.Join(t.TempDir(), "one.db"),
	}, fedFlags...))
	two := newInstanceOnPort(t, bin, "127.0.0.3", 80, append([]string{
		"--db-type", "postgres", "--db-address", testrig.NewDBOptions(t, store.Postgres).DSN,
	}, fedFlags...))
	one.start(t)
	two.start(t)

	alice := one.person(t, "alice")
	bob := two.person(t, "bob")
	carol := two.person(t, "carol")
	carol.call(t, "PATCH", "/api/v1/accounts/update_credentials", url.Values{"locked": {"true"}})

	// alice finds bob by his address and follows him; his server accepts at once.
	bobOnOne := alice.resolveAccount(t, "@bob@"+two.host)
	alice.call(t, "POST", "/api/v1/accounts/"+bobOnOne+"/follow", nil)
	waitFor(t, "alice to follow bob", func() bool {
		return alice.relationship(t, bobOnOne)["following"] == true
	})
	aliceOnTwo := bob.resolveAccount(t, "@alice@"+one.host)
	if n := bob.accountField(t, bob.selfID(t), "followers_count"); n != float64(1) {
		t.Errorf("bob's followers_count on his server is %v, want 1", n)
	}

	// bob posts; alice sees it in her home timeline, live and on reload.
	home := one.subscribe(t, alice.token, `subscription { homeTimeline { kind status { id content } } }`)
	time.Sleep(300 * time.Millisecond) // let the subscription register
	post := bob.call(t, "POST", "/api/v1/statuses", url.Values{"status": {"hello from bob"}, "visibility": {"public"}})
	postURI := post["uri"].(string)
	if !home.sawContent("hello from bob", 15*time.Second) {
		t.Errorf("alice's home subscription did not show bob's post")
	}
	postOnOne := alice.statusByURI(t, postURI)

	// alice replies, mentioning him; bob is notified and his post counts the reply.
	alice.call(t, "POST", "/api/v1/statuses", url.Values{
		"status": {"@bob@" + two.host + " hello back"}, "in_reply_to_id": {postOnOne},
	})
	waitFor(t, "bob to be notified of alice's mention", func() bool {
		return bob.hasNotification(t, "mention", aliceOnTwo)
	})
	waitFor(t, "bob's post to count alice's reply", func() bool {
		return bob.statusField(t, post["id"].(string), "replies_count") == float64(1)
	})

	// alice favourites and boosts bob's post; bob hears of both.
	alice.call(t, "POST", "/api/v1/statuses/"+postOnOne+"/favourite", nil)
	alice.call(t, "POST", "/api/v1/statuses/"+postOnOne+"/reblog", nil)
	waitFor(t, "bob to be notified of the favourite and the boost", func() bool {
		return bob.hasNotification(t, "favourite", aliceOnTwo) && bob.hasNotification(t, "reblog", aliceOnTwo)
	})

	// bob edits, then deletes; alice's copy follows.
	bob.call(t, "PUT", "/api/v1/statuses/"+post["id"].(string), url.Values{"status": {"hello from bob, edited"}})
	waitFor(t, "alice to see bob's edit", func() bool {
		return strings.Contains(fmt.Sprint(alice.statusField(t, postOnOne, "content")), "edited")
	})

	// A poll: bob asks, alice votes, bob's server counts it.
	poll := bob.call(t, "POST", "/api/v1/statuses", url.Values{
		"status": {"tea or coffee?"}, "poll[options][]": {"tea", "coffee"}, "poll[expires_in]": {"3600"},
	})
	pollOnOne := ""
	waitFor(t, "bob's poll to reach alice", func() bool {
		pollOnOne = alice.statusByURIMaybe(t, poll["uri"].(string))
		return pollOnOne != ""
	})
	pollID := alice.call(t, "GET", "/api/v1/statuses/"+pollOnOne, nil)["poll"].(map[string]any)["id"].(string)
	alice.call(t, "POST", "/api/v1/polls/"+pollID+"/votes", url.Values{"choices[]": {"1"}})
	bobPollID := poll["poll"].(map[string]any)["id"].(string)
	waitFor(t, "bob's poll to count alice's vote", func() bool {
		p := bob.call(t, "GET", "/api/v1/polls/"+bobPollID, nil)
		opts, _ := p["options"].([]any)
		return len(opts) == 2 && opts[1].(map[string]any)["votes_count"] == float64(1)
	})

	bob.call(t, "DELETE", "/api/v1/statuses/"+post["id"].(string), nil)
	waitFor(t, "bob's deleted post to vanish from alice's server", func() bool {
		code, _ := alice.request(t, "GET", "/api/v1/statuses/"+postOnOne, nil)
		return code == http.StatusNotFound
	})

	// Following a locked account waits for its approval.
	carolOnOne := alice.resolveAccount(t, "@carol@"+two.host)
	alice.call(t, "POST", "/api/v1/accounts/"+carolOnOne+"/follow", nil)
	var requester string
	waitFor(t, "carol to get alice's follow request", func() bool {
		code, body := carol.request(t, "GET", "/api/v1/follow_requests", nil)
		var reqs []map[string]any
		json.Unmarshal(body, &reqs)
		if code == http.StatusOK && len(reqs) == 1 {
			requester = reqs[0]["id"].(string)
		}
		return requester != ""
	})
	if rel := alice.relationship(t, carolOnOne); rel["following"] == true || rel["requested"] != true {
		t.Errorf("before approval alice's relationship to carol is %v, want requested", rel)
	}
	carol.call(t, "POST", "/api/v1/follow_requests/"+requester+"/authorize", nil)
	waitFor(t, "alice to follow carol once approved", func() bool {
		return alice.relationship(t, carolOnOne)["following"] == true
	})

	// bob blocks alice: her follow ends on both servers and his posts stop reaching her.
	bob.call(t, "POST", "/api/v1/accounts/"+aliceOnTwo+"/block", nil)
	waitFor(t, "the block to end alice's follow of bob", func() bool {
		return alice.relationship(t, bobOnOne)["following"] == false
	})
	bob.call(t, "POST", "/api/v1/statuses", url.Values{"status": {"not for alice"}})

	// Deliveries survive a crash: carol follows alice; alice posts while carol's server
	// is down; alice's server is killed while it retries; once both are back, carol
	// gets every post.
	aliceOnTwoForCarol := carol.resolveAccount(t, "@alice@"+one.host)
	carol.call(t, "POST", "/api/v1/accounts/"+aliceOnTwoForCarol+"/follow", nil)
	waitFor(t, "carol to follow alice", func() bool {
		return carol.relationship(t, aliceOnTwoForCarol)["following"] == true
	})
	two.kill(t)
	for i := range 3 {
		alice.call(t, "POST", "/api/v1/statuses", url.Values{"status": {fmt.Sprintf("while you were out %d", i)}})
	}
	time.Sleep(time.Second) // let deliveries fail and wait for their retries
	one.kill(t)
	one.start(t)
	two.start(t)
	waitFor(t, "alice's posts to reach carol after the crash", func() bool {
		text := fmt.Sprint(carol.call(t, "GET", "/api/v1/timelines/home?limit=40", nil)["_list"])
		return strings.Count(text, "while you were out") == 3
	})
	if text := fmt.Sprint(alice.call(t, "GET", "/api/v1/timelines/home?limit=40", nil)["_list"]); strings.Contains(text, "not for alice") {
		t.Errorf("bob's post reached alice after he blocked her")
	}

	// The operator deletes alice's account: carol's server drops her posts, and
	// carol's follow of her.
	one.run(t, "admin", "account", "delete", "--username", "alice")
	waitFor(t, "alice's deletion to reach carol's server", func() bool {
		text := fmt.Sprint(carol.call(t, "GET", "/api/v1/timelines/home?limit=40", nil)["_list"])
		return !strings.Contains(text, "while you were out") &&
			carol.accountField(t, carol.selfID(t), "following_count") == float64(0)
	})
}

// waitFor polls cond for up to 30 s (deliveries retry with backoff).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// person is a signed-in user of one instance, driving it through the Mastodon API.
type person struct {
	inst  *instance
	name  string
	token string
}

func (inst *instance) person(t *testing.T, name string) *person {
	t.Helper()
	email, password := name+"@example.org", "correct horse battery "+name
	inst.run(t, "admin", "account", "create", "--username", name, "--email", email, "--password", password)
	return &person{inst: inst, name: name, token: inst.authorizeApp(t, name, email, password, "read write follow")}
}

// request sends an authenticated request and returns the status and body.
func (p *person) request(t *testing.T, method, path string, form url.Values) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, p.inst.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+p.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// call sends a request that must succeed and decodes its JSON; a list comes back
// under the key "_list".
func (p *person) call(t *testing.T, method, path string, form url.Values) map[string]any {
	t.Helper()
	code, body := p.request(t, method, path, form)
	if code/100 != 2 {
		t.Fatalf("%s@%s: %s %s answered %d %s", p.name, p.inst.host, method, path, code, body)
	}
	var out any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%s %s: %v in %s", method, path, err, body)
	}
	if m, ok := out.(map[string]any); ok {
		return m
	}
	return map[string]any{"_list": out}
}

func (p *person) selfID(t *testing.T) string {
	return p.call(t, "GET", "/api/v1/accounts/verify_credentials", nil)["id"].(string)
}

// resolveAccount finds an account on another server by its address and returns its
// ID on p's server.
func (p *person) resolveAccount(t *testing.T, handle string) string {
	t.Helper()
	res := p.call(t, "GET", "/api/v2/search?"+url.Values{"q": {handle}, "resolve": {"true"}, "type": {"accounts"}}.Encode(), nil)
	accounts, _ := res["accounts"].([]any)
	if len(accounts) == 0 {
		t.Fatalf("%s could not resolve %s:\nlogs of %s:\n%s", p.name, handle, p.inst.host, p.inst.logs)
	}
	return accounts[0].(map[string]any)["id"].(string)
}

// statusByURIMaybe looks a status up by its ActivityPub URI on p's server.
func (p *person) statusByURIMaybe(t *testing.T, uri string) string {
	t.Helper()
	res := p.call(t, "GET", "/api/v2/search?"+url.Values{"q": {uri}, "resolve": {"true"}, "type": {"statuses"}}.Encode(), nil)
	statuses, _ := res["statuses"].([]any)
	if len(statuses) == 0 {
		return ""
	}
	return statuses[0].(map[string]any)["id"].(string)
}

func (p *person) statusByURI(t *testing.T, uri string) string {
	t.Helper()
	id := p.statusByURIMaybe(t, uri)
	if id == "" {
		t.Fatalf("%s cannot find status %s", p.name, uri)
	}
	return id
}

func (p *person) relationship(t *testing.T, accountID string) map[string]any {
	t.Helper()
	list := p.call(t, "GET", "/api/v1/accounts/relationships?id[]="+accountID, nil)["_list"].([]any)
	return list[0].(map[string]any)
}

func (p *person) accountField(t *testing.T, id, field string) any {
	return p.call(t, "GET", "/api/v1/accounts/"+id, nil)[field]
}

func (p *person) statusField(t *testing.T, id, field string) any {
	return p.call(t, "GET", "/api/v1/statuses/"+id, nil)[field]
}

func (p *person) hasNotification(t *testing.T, typ, fromID string) bool {
	list := p.call(t, "GET", "/api/v1/notifications?types[]="+typ, nil)["_list"].([]any)
	for _, n := range list {
		if acc, _ := n.(map[string]any)["account"].(map[string]any); acc["id"] == fromID {
			return true
		}
	}
	return false
}
