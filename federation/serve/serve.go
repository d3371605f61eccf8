// Package serve answers what other servers fetch from fedigraph over HTTP: discovery
// (WebFinger, host-meta, NodeInfo), actor documents (each local account's, and the
// instance actor's), statuses as Notes, and the outbox, followers, following and
// featured collections. The inboxes, where other servers POST, live elsewhere.
//
// Every ActivityPub document is negotiated: a client asking for ActivityStreams JSON
// gets it; a browser is sent to the web page that shows the same thing. Who may see a
// status is decided by graph/visibility, with the actor that signed the request (if
// any) as the viewer, so a follower's server can fetch followers-only posts.
//
// Mount points (Routes), all GET:
//
//	/.well-known/webfinger?resource=…           JRD (acct: handles and actor URLs)
//	/.well-known/host-meta, host-meta.json      XRD / JRD pointing at WebFinger
//	/.well-known/nodeinfo, /nodeinfo/2.0, /2.1  NodeInfo
//	/actor                                       the instance actor (Application)
//	/actor/{outbox,followers,following}, /actor/collections/featured   (empty)
//	/users/{username}                            Person / Service
//	/users/{username}/statuses/{id}              Note / Question (Announce for a boost)
//	/users/{username}/statuses/{id}/activity     the Create of a status
//	/users/{username}/outbox                     Create / Announce, ?page=true&max_id=…
//	/users/{username}/followers, /following      actor IRIs, ?page=true&max_id=…
//	/users/{username}/collections/featured       pinned statuses as Notes
package serve

import (
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// Config is what the server needs.
type Config struct {
	DB   *store.DB
	URIs uris.Builder
	// Host is the domain (and port) this instance is served at; AccountDomain the
	// domain of its handles (@alice@AccountDomain), which may differ, as GoToSocial's
	// account-domain does: handles use AccountDomain, URLs use Host. Either defaults to
	// the other, and Host to URIs.Host.
	Host, AccountDomain string
	Render              ap.Renderer
	// AuthorizedFetch refuses unsigned fetches of actors, statuses and collections
	// (401). Discovery documents and the instance actor stay open, so that other
	// servers can find out how to sign in the first place.
	AuthorizedFetch bool
	// KeyResolver finds the public key named by a signature's keyId. Without one,
	// signatures are not checked (and AuthorizedFetch refuses everything signed or not).
	KeyResolver       httpsig.KeyResolver
	OpenRegistrations bool
	Version           string // fedigraph's version, as NodeInfo reports it
	NodeName          string // the instance's title, as NodeInfo reports it
	// Logger hears of failures that the client only sees as 500 (nil: slog.Default()).
	Logger *slog.Logger
	// Now is the clock (nil: time.Now).
	Now func() time.Time
}

// Server serves the documents. It holds no state that matters besides a short-lived
// cache of NodeInfo's counts, so several processes may serve side by side.
type Server struct {
	cfg      Config
	verifier httpsig.Verifier

	statsMu sync.Mutex
	stats   usage
	statsAt time.Time
}

// New returns a server for cfg.
func New(cfg Config) *Server {
	if cfg.Host == "" {
		cfg.Host = cfg.URIs.Host
	}
	if cfg.AccountDomain == "" {
		cfg.AccountDomain = cfg.Host
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Render.URIs == (uris.Builder{}) {
		cfg.Render.URIs = cfg.URIs
	}
	s := &Server{cfg: cfg}
	if cfg.KeyResolver != nil {
		// The resolver is wrapped so that keys on suspended domains are never fetched:
		// the request is refused before any network traffic.
		s.verifier = httpsig.Verifier{Resolve: s.refuseSuspendedKeys(cfg.KeyResolver), Host: cfg.Host, Now: cfg.Now}
	}
	return s
}

// Routes mounts every GET route this package serves on r (see the package comment).
// The inboxes (POST /users/{username}/inbox and POST /inbox) are not among them.
func (s *Server) Routes(r chi.Router) {
	r.Get("/.well-known/webfinger", s.webfinger)
	r.Get("/.well-known/host-meta", s.hostMeta)
	r.Get("/.well-known/host-meta.json", s.hostMetaJSON)
	r.Get("/.well-known/nodeinfo", s.nodeInfoLinks)
	r.Get("/nodeinfo/2.0", s.nodeInfo("2.0"))
	r.Get("/nodeinfo/2.1", s.nodeInfo("2.1"))

	r.Get(instanceActorPath, s.doc(s.instanceActor, s.instanceActorWeb, false))
	for _, c := range instanceActorCollections {
		r.Get(instanceActorPath+"/"+c, s.doc(s.instanceActorCollection, s.instanceActorWeb, false))
	}

	r.Get("/users/{username}", s.doc(s.actor, s.accountWeb, true))
	r.Get("/users/{username}/statuses/{id}", s.doc(s.status, s.statusWeb, true))
	r.Get("/users/{username}/statuses/{id}/activity", s.doc(s.statusActivity, s.statusWeb, true))
	r.Get("/users/{username}/outbox", s.doc(s.outbox, s.accountWeb, true))
	r.Get("/users/{username}/followers", s.doc(s.followers, s.accountWeb, true))
	r.Get("/users/{username}/following", s.doc(s.following, s.accountWeb, true))
	r.Get("/users/{username}/collections/featured", s.doc(s.featured, s.accountWeb, true))
}

// isLocalDomain reports whether a handle's or URL's domain is this instance's.
func (s *Server) isLocalDomain(d string) bool {
	return strings.EqualFold(d, s.cfg.AccountDomain) || strings.EqualFold(d, s.cfg.Host)
}
