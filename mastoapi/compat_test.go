package mastoapi_test

import (
	"bufio"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/graph"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/mastoapi"
	"github.com/fedigraph/fedigraph/mastoapi/oauth"
	"github.com/fedigraph/fedigraph/mastoapi/streaming"
)

// TestCompatibilityTableMatchesTheRouter keeps docs/mastodon-api.md honest: every route
// it calls done or partial is mounted, and every mounted route is in it.
func TestCompatibilityTableMatchesTheRouter(t *testing.T) {
	db := testrig.NewDB(t, store.SQLite)
	res := graph.NewResolver(graph.Deps{DB: db, Hub: hub.New()})
	authn := &auth.Authenticator{DB: db.Client}
	r := chi.NewRouter()
	mastoapi.New(mastoapi.Deps{DB: db, Resolver: res}).Mount(r)
	oauth.New(db.Client, authn, oauth.Options{BaseURL: "https://" + testrig.TestHost}).Mount(r)
	(&streaming.Handler{DB: db, Hub: res.Hub, Auth: authn, Renderer: mastoapi.NewRenderer(res)}).Mount(r)

	mounted := map[string]bool{}
	chi.Walk(r, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if route != "/api/*" && !strings.HasPrefix(route, "/auth/") {
			mounted[method+" "+route] = true
		}
		return nil
	})

	f, err := os.Open("../docs/mastodon-api.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := regexp.MustCompile(`^\| (GET|POST|PUT|PATCH|DELETE) \| (\S+) \| (done|partial|not yet) \|`)
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := row.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		key := m[1] + " " + m[2]
		listed[key] = true
		served := mounted[key]
		if m[3] == "not yet" && served {
			t.Errorf("%s is served but the table says not yet", key)
		}
		if m[3] != "not yet" && !served {
			t.Errorf("%s is marked %s but not mounted", key, m[3])
		}
	}
	for key := range mounted {
		if !listed[key] {
			t.Errorf("%s is mounted but missing from docs/mastodon-api.md", key)
		}
	}
}
