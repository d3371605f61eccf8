package oauth

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strings"

	"github.com/fedigraph/fedigraph/graph/auth"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pages holds one template set per page, each the layout plus the page's content.
var pages = func() map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range []string{"sign_in", "consent", "oob", "message", "sign_out"} {
		out[name] = template.Must(template.ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html"))
	}
	return out
}()

// page is what the templates show; each page uses the fields it needs.
type page struct {
	Instance, Title string
	Error, Message  string

	Email, ReturnTo string // sign in

	AppName, AppWebsite, Account string // consent
	Scopes                       []scopeLine
	Fields                       []hiddenField
	CSRF                         string

	Code string // out-of-band code
}

type hiddenField struct{ Name, Value string }

type scopeLine struct{ Name, Description string }

// render writes a page. The headers keep it out of frames (the consent page must not be
// clickjacked), caches and Referer headers (the OOB page's URL holds a code).
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) {
	p.Instance = s.opts.Title
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.opts.Logger.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	// No form-action: browsers apply it to the redirect after a form post too, and the
	// consent form must redirect to the app's own (often custom-scheme) URI.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// renderMessage shows a short page with a heading and a sentence.
func (s *Server) renderMessage(w http.ResponseWriter, status int, title, msg string) {
	s.render(w, status, "message", page{Title: title, Message: msg})
}

// scopeDescriptions say in words what the top-level scopes grant.
var scopeDescriptions = map[string]string{
	"read":        "Read all your account's data",
	"write":       "Change all your account's data",
	"follow":      "Change who you follow, block and mute",
	"push":        "Receive your push notifications",
	"profile":     "Read only your account's profile",
	"admin:read":  "Read all data on the server",
	"admin:write": "Change all data on the server",
}

// describeScopes words each scope for the consent page: the top-level scopes by name,
// the granular ones by the kind of access and the resource ("Read your bookmarks").
func describeScopes(scopes auth.Scopes) []scopeLine {
	var out []scopeLine
	for _, scope := range scopes {
		desc, ok := scopeDescriptions[scope]
		if !ok {
			parts := strings.Split(scope, ":")
			resource := strings.ReplaceAll(parts[len(parts)-1], "_", " ")
			verb := map[string]string{"read": "Read", "write": "Change"}[parts[len(parts)-2]]
			if parts[0] == "admin" {
				desc = verb + " " + resource + " on the server"
			} else {
				desc = verb + " your " + resource
			}
		}
		out = append(out, scopeLine{Name: scope, Description: desc})
	}
	return out
}
