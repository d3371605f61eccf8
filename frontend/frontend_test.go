package frontend_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/frontend"
)

func TestHandlerServesThePageAtRootAndNothingElse(t *testing.T) {
	h := frontend.Handler()
	for _, tc := range []struct {
		path     string
		status   int
		contains string
	}{
		{"/", http.StatusOK, "/graphiql"},
		{"/api/v1/nonexistent", http.StatusNotFound, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
		if rec.Code != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.path, rec.Code, tc.status)
		}
		if !strings.Contains(rec.Body.String(), tc.contains) {
			t.Errorf("GET %s: body lacks %q", tc.path, tc.contains)
		}
		if tc.status == http.StatusOK && !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: Content-Type %q, want text/html", tc.path, rec.Header().Get("Content-Type"))
		}
	}
}
