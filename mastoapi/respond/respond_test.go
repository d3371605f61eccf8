package respond_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

func TestErrorStatusAndBody(t *testing.T) {
	cases := []struct {
		name   string
		err    error
		status int
		msg    string
	}{
		{"not found hides what", fmt.Errorf("load: %w", apperr.NotFoundf("status 123 not found")), 404, "Record not found"},
		{"validation", apperr.BadInputf("Validation failed: too long"), 422, "Validation failed: too long"},
		{"forbidden", apperr.Forbiddenf("This action is not allowed"), 403, "This action is not allowed"},
		{"bad token", auth.ErrCrossOriginSession, 401, "The access token is invalid"},
		{"malformed body", fmt.Errorf("%w: unexpected EOF", params.ErrMalformed), 400, "the request body could not be parsed: unexpected EOF"},
		{"too large", &http.MaxBytesError{Limit: 10}, 413, "The request body is too large"},
		{"internal keeps its secrets", errors.New("pq: password authentication failed"), 500, "Internal server error"},
	}
	for _, c := range cases {
		w := httptest.NewRecorder()
		respond.Error(w, httptest.NewRequest("GET", "/api/v1/x", nil), c.err)
		var body map[string]string
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s: body %q is not JSON", c.name, w.Body)
		}
		if w.Code != c.status || body["error"] != c.msg || len(body) != 1 {
			t.Errorf("%s: %d %v, want %d {\"error\": %q}", c.name, w.Code, body, c.status, c.msg)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", c.name, ct)
		}
	}
}
