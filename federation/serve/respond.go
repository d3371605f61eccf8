package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// ContentType is the media type of every ActivityPub document served here.
const ContentType = "application/activity+json"

// httpError is a refusal that knows its HTTP status. Anything else a handler returns
// is an internal failure: logged, and answered with a bare 500.
type httpError struct {
	status int
	msg    string
	// header, when set, is added to the response (WWW-Authenticate on a 401).
	header http.Header
}

func (e *httpError) Error() string { return fmt.Sprintf("%d %s", e.status, e.msg) }

func failure(status int, format string, args ...any) *httpError {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

func notFound() error { return failure(http.StatusNotFound, "Not Found") }

// gone answers for suspended accounts and their objects, as Mastodon does: the thing
// existed and will not come back, so remote servers may drop their copy.
func gone() error { return failure(http.StatusGone, "Gone") }

// fail writes err as a JSON error, the form Mastodon uses on its ActivityPub routes.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	if !errors.As(err, &he) {
		s.cfg.Logger.ErrorContext(r.Context(), "serve ActivityPub document", "path", r.URL.Path, "error", err)
		he = failure(http.StatusInternalServerError, "Internal Server Error")
	}
	for k, vs := range he.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	writeJSON(w, "application/json; charset=utf-8", he.status, map[string]string{"error": he.msg})
}

// writeJSON encodes v with the content type and status.
func writeJSON(w http.ResponseWriter, contentType string, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encode response", http.StatusInternalServerError)
		return
	}
	writeBytes(w, contentType, status, b)
}

func writeBytes(w http.ResponseWriter, contentType string, status int, b []byte) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(b)
}

// writeActivity writes an ActivityStreams document rendered by federation/ap.
func writeActivity(w http.ResponseWriter, b []byte) { writeBytes(w, ContentType, http.StatusOK, b) }

// docFunc serves one ActivityPub document to a viewer that doc has authenticated.
type docFunc func(w http.ResponseWriter, r *http.Request, v *viewer) error

// webFunc is where a browser asking for the same resource is sent.
type webFunc func(r *http.Request) string

// doc wraps an ActivityPub handler with content negotiation and, when signed is set,
// authentication of the fetching server: browsers are redirected to the web page
// before any signature is asked for (the page shows nothing more than it would to
// any visitor), and federating clients get the document.
func (s *Server) doc(serve docFunc, web webFunc, signed bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept")
		switch negotiate(r.Header.Get("Accept")) {
		case wantNothing:
			s.fail(w, r, failure(http.StatusNotAcceptable, "Not Acceptable: this resource is served as %s or text/html", ContentType))
			return
		case wantHTML:
			http.Redirect(w, r, web(r), http.StatusSeeOther)
			return
		}
		v := &viewer{}
		if signed {
			// What a document shows may depend on who signed for it (followers-only
			// posts), so caches must key on the signature too.
			w.Header().Add("Vary", "Signature")
			var err error
			if v, err = s.authenticate(r); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		if err := serve(w, r, v); err != nil {
			s.fail(w, r, err)
		}
	}
}
