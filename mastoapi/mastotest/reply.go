package mastotest

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
)

// Reply is an answer of the API.
type Reply struct {
	t       *testing.T
	Request string // "GET /api/v1/…", for failure messages
	Status  int
	Header  http.Header
	Body    []byte
}

// OK checks the status is 200 and decodes the body into v (when not nil).
func (r Reply) OK(v any) Reply {
	r.t.Helper()
	return r.Want(http.StatusOK, v)
}

// Want checks the status and decodes the body into v (when not nil).
func (r Reply) Want(status int, v any) Reply {
	r.t.Helper()
	if r.Status != status {
		r.t.Fatalf("%s: status %d, want %d; body %s", r.Request, r.Status, status, r.Body)
	}
	if v != nil {
		if err := json.Unmarshal(r.Body, v); err != nil {
			r.t.Fatalf("%s: decode %s: %v", r.Request, r.Body, err)
		}
	}
	return r
}

// ErrorIs checks for Mastodon's error body with the status; msg "" accepts any message.
func (r Reply) ErrorIs(status int, msg string) {
	r.t.Helper()
	var e struct {
		Error *string `json:"error"`
	}
	r.Want(status, &e)
	if e.Error == nil || (msg != "" && *e.Error != msg) {
		r.t.Fatalf("%s: error body %s, want {\"error\": %q}", r.Request, r.Body, msg)
	}
}

// Links parses the Link header into rel → URL.
func (r Reply) Links() map[string]string {
	out := map[string]string{}
	for _, m := range linkPattern.FindAllStringSubmatch(r.Header.Get("Link"), -1) {
		out[m[2]] = m[1]
	}
	return out
}

var linkPattern = regexp.MustCompile(`<([^>]+)>; rel="(\w+)"`)
