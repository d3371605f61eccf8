package pagination_test

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/fedigraph/fedigraph/graph/paging"
	"github.com/fedigraph/fedigraph/mastoapi/pagination"
	"github.com/fedigraph/fedigraph/mastoapi/params"
)

func TestWindowClampsLimit(t *testing.T) {
	cases := []struct {
		limit string
		l     pagination.Limits
		want  int
	}{
		{"", pagination.Statuses, 20},
		{"5", pagination.Statuses, 5},
		{"400", pagination.Statuses, 40},
		{"-3", pagination.Statuses, 20},
		{"many", pagination.Statuses, 20},
		{"", pagination.Accounts, 40},
		{"100", pagination.Accounts, 80},
	}
	for _, c := range cases {
		w := pagination.Window(params.Of(url.Values{"limit": {c.limit}}), c.l)
		if w.Limit != c.want {
			t.Errorf("limit %q: %d, want %d", c.limit, w.Limit, c.want)
		}
	}
}

func TestLink(t *testing.T) {
	cases := []struct {
		name string
		ids  []string
		more bool
		win  paging.Window
		want string
	}{
		{"full page", []string{"9", "8"}, true, paging.Window{Limit: 2},
			`<https://x.example/api/v1/timelines/home?limit=2&local=true&max_id=8>; rel="next", <https://x.example/api/v1/timelines/home?limit=2&local=true&min_id=9>; rel="prev"`},
		{"last page", []string{"2"}, false, paging.Window{Limit: 2, MaxID: "3"},
			`<https://x.example/api/v1/timelines/home?limit=2&local=true&min_id=2>; rel="prev"`},
		{"upwards from min_id", []string{"5", "4"}, false, paging.Window{Limit: 2, MinID: "3"},
			`<https://x.example/api/v1/timelines/home?limit=2&local=true&max_id=4>; rel="next", <https://x.example/api/v1/timelines/home?limit=2&local=true&min_id=5>; rel="prev"`},
		{"empty", nil, false, paging.Window{Limit: 2}, ""},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/api/v1/timelines/home?limit=2&local=true&max_id=10&since_id=1", nil)
		w := httptest.NewRecorder()
		pagination.Link(w, r, "https://x.example/", c.ids, c.more, c.win)
		if got := w.Header().Get("Link"); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}
