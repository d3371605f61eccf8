package serve

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
)

// Link relations of WebFinger documents.
const (
	relSelf        = "self"
	relProfilePage = "http://webfinger.net/rel/profile-page"
	relSubscribe   = "http://ostatus.org/schema/1.0/subscribe"
)

// jrd is a JSON Resource Descriptor (RFC 7033).
type jrd struct {
	Subject string    `json:"subject,omitempty"`
	Aliases []string  `json:"aliases,omitempty"`
	Links   []jrdLink `json:"links"`
}

type jrdLink struct {
	Rel      string `json:"rel"`
	Type     string `json:"type,omitempty"`
	Href     string `json:"href,omitempty"`
	Template string `json:"template,omitempty"`
}

// maxResourceLength bounds the resource parameter; real ones are a handle or a URL.
const maxResourceLength = 1024

// webfinger answers /.well-known/webfinger?resource=… for local accounts, named by
// handle (acct:alice@domain, with the account domain or the host) or by the URL of
// their actor or profile page. The subject is always the handle on the account
// domain, which is how other servers then address the account.
func (s *Server) webfinger(w http.ResponseWriter, r *http.Request) {
	// WebFinger is meant to be read from browsers' scripts too (RFC 7033 §5).
	w.Header().Set("Access-Control-Allow-Origin", "*")
	resource := r.URL.Query().Get("resource")
	if resource == "" || len(resource) > maxResourceLength {
		s.fail(w, r, failure(http.StatusBadRequest, "Bad Request: the resource parameter is missing or too long"))
		return
	}
	username, err := s.resourceUsername(resource)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.cfg.DB.Account.Query().
		Where(account.UsernameEqualFold(username), account.Domain("")).
		Only(r.Context())
	if ent.IsNotFound(err) {
		s.fail(w, r, notFound())
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if a.SuspendedAt != nil {
		s.fail(w, r, gone())
		return
	}
	writeJSON(w, "application/jrd+json; charset=utf-8", http.StatusOK, s.accountJRD(a, r.URL.Query()["rel"]))
}

// resourceUsername finds the local username a resource names. A resource on another
// domain is 404 (this server cannot speak for it); one that cannot be read is 400.
func (s *Server) resourceUsername(resource string) (string, error) {
	bad := failure(http.StatusBadRequest, "Bad Request: resource %q is neither acct:user@domain nor an actor URL", resource)
	lower := strings.ToLower(resource)
	if strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") {
		u, err := url.Parse(resource)
		if err != nil || u.Host == "" {
			return "", bad
		}
		if !s.isLocalDomain(u.Host) {
			return "", notFound()
		}
		path := strings.TrimSuffix(u.Path, "/")
		switch {
		case path == instanceActorPath:
			return s.cfg.Host, nil
		case strings.HasPrefix(path, "/users/"):
			path = strings.TrimPrefix(path, "/users/")
		case strings.HasPrefix(path, "/@"):
			path = strings.TrimPrefix(path, "/@")
		default:
			return "", notFound()
		}
		if path == "" || strings.Contains(path, "/") {
			return "", notFound()
		}
		return path, nil
	}
	// acct:alice@domain, and the bare alice@domain and @alice@domain that Mastodon
	// also accepts.
	handle := resource
	if strings.HasPrefix(lower, "acct:") {
		handle = resource[len("acct:"):]
	} else if strings.Contains(resource, ":") && !strings.Contains(resource, "@") {
		return "", bad
	}
	handle = strings.TrimPrefix(handle, "@")
	user, domain, ok := strings.Cut(handle, "@")
	if !ok || user == "" || domain == "" || strings.ContainsAny(user, "/?#@ ") {
		return "", bad
	}
	if !s.isLocalDomain(domain) {
		return "", notFound()
	}
	return user, nil
}

// accountJRD describes a local account. rels, when given, keep only those links
// (RFC 7033 §4.3).
func (s *Server) accountJRD(a *ent.Account, rels []string) jrd {
	u := s.cfg.URIs
	doc := jrd{Subject: "acct:" + a.Username + "@" + s.cfg.AccountDomain}
	actorURI := a.URI
	if actorURI == "" {
		actorURI = u.Account(a.Username)
	}
	doc.Aliases = []string{actorURI}
	if s.isInstanceActor(a) {
		doc.Links = []jrdLink{{Rel: relSelf, Type: ContentType, Href: actorURI}}
	} else {
		web := a.URL
		if web == "" {
			web = u.AccountWeb(a.Username)
		}
		doc.Aliases = append(doc.Aliases, web)
		doc.Links = []jrdLink{
			{Rel: relProfilePage, Type: "text/html", Href: web},
			{Rel: relSelf, Type: ContentType, Href: actorURI},
			{Rel: relSubscribe, Template: u.Base() + "/authorize_interaction?uri={uri}"},
		}
	}
	if len(rels) > 0 {
		keep := doc.Links[:0]
		for _, l := range doc.Links {
			for _, rel := range rels {
				if l.Rel == rel {
					keep = append(keep, l)
					break
				}
			}
		}
		doc.Links = keep
	}
	return doc
}
