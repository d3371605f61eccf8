// Package pagination reads Mastodon's max_id, since_id, min_id and limit into a
// graph/paging.Window, the same window the GraphQL connections page with, and writes
// the Link header that tells a client where the next and previous pages are.
package pagination

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/params"
)

// Limits are a route's default and largest page size.
type Limits struct{ Default, Max int }

// Page sizes as Mastodon has them: 20 (at most 40) statuses or notifications a page,
// 40 (at most 80) accounts.
var (
	Statuses = Limits{Default: paging.DefaultLimit, Max: paging.MaxLimit}
	Accounts = Limits{Default: 40, Max: 80}
)

// Window reads the paging parameters. Like Mastodon, it takes a limit that is not a
// positive number as the default rather than as an error.
func Window(v params.Values, l Limits) paging.Window {
	w := paging.Window{MaxID: v.Get("max_id"), SinceID: v.Get("since_id"), MinID: v.Get("min_id")}
	if n, err := strconv.Atoi(strings.TrimSpace(v.Get("limit"))); err == nil {
		w.Limit = n
	}
	return w.Clamp(l.Default, l.Max)
}

// Link sets the Link header for a page whose items have the given IDs, newest first;
// more is what paging.Finish reported. "next" leads to older items and is given when
// there are some (a page fetched upwards from min_id always has older ones); "prev"
// leads to newer items. An empty page gets no header, as on Mastodon. base is the
// public root URL ("https://example.org"): links are absolute.
func Link(w http.ResponseWriter, r *http.Request, base string, ids []string, more bool, win paging.Window) {
	if len(ids) == 0 {
		return
	}
	var links []string
	if more || win.Ascending() {
		links = append(links, `<`+pageURL(r, base, "max_id", ids[len(ids)-1])+`>; rel="next"`)
	}
	links = append(links, `<`+pageURL(r, base, "min_id", ids[0])+`>; rel="prev"`)
	w.Header().Set("Link", strings.Join(links, ", "))
}

// pageURL is the request's own URL with its paging bound replaced by key=id; the other
// parameters (limit, exclude_replies…) carry over so every page is cut the same way.
func pageURL(r *http.Request, base, key, id string) string {
	q := r.URL.Query()
	q.Del("max_id")
	q.Del("since_id")
	q.Del("min_id")
	q.Set(key, id)
	return strings.TrimRight(base, "/") + r.URL.Path + "?" + q.Encode()
}
