package serve

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// instanceActorPath is where the instance actor lives, as on Mastodon. Its
// preferredUsername is the host, as on GoToSocial, so acct:host@host finds it too.
const instanceActorPath = "/actor"

// instanceActorCollections are the instance actor's collections, always empty: it
// posts nothing and follows no one, but servers expect an actor to have them.
var instanceActorCollections = []string{"outbox", "followers", "following", "collections/featured"}

// EnsureInstanceActor returns the instance actor — the Application that signs the
// fetches and deliveries made on behalf of the whole server — creating it, with its
// key pair, the first time. Two processes starting at once end up with the same
// actor: the loser of the race finds the winner's row. The actor is an Account with
// username = host, domain "", actor_type APPLICATION and no User, so it cannot sign
// in and does not count as a user.
//
// Its private key is PEM PKCS #1 (httpsig.EncodePrivateKeyPEM); read it with
// httpsig.ParsePrivateKeyPEM.
func EnsureInstanceActor(ctx context.Context, db *store.DB, u uris.Builder, host string) (*ent.Account, error) {
	if host == "" {
		return nil, fmt.Errorf("ensure instance actor: empty host")
	}
	a, err := loadInstanceActor(ctx, db.Client, host)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("ensure instance actor: %w", err)
	}
	if a != nil && a.PrivateKey != "" && a.PublicKey != "" {
		return a, nil
	}
	// Key generation takes a noticeable moment: only when it is needed, and outside
	// any transaction.
	key, err := httpsig.GenerateKey()
	if err != nil {
		return nil, fmt.Errorf("ensure instance actor: %w", err)
	}
	pub, err := httpsig.EncodePublicKeyPEM(&key.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("ensure instance actor: %w", err)
	}
	priv := httpsig.EncodePrivateKeyPEM(key)
	if a == nil {
		base := u.Base() + instanceActorPath
		err = db.Account.Create().
			SetUsername(host).
			SetDomain("").
			SetActorType(account.ActorTypeAPPLICATION).
			// As Mastodon's: it follows back no one, so follows of it need approval.
			SetLocked(true).
			SetURI(base).
			SetURL(u.Base() + "/").
			// It has no inbox of its own; what is sent to it arrives at the shared one.
			SetInboxURI(u.SharedInbox()).
			SetSharedInboxURI(u.SharedInbox()).
			SetOutboxURI(base + "/outbox").
			SetFollowersURI(base + "/followers").
			SetFollowingURI(base + "/following").
			SetFeaturedURI(base + "/collections/featured").
			SetPublicKeyURI(base + "#main-key").
			SetPublicKey(pub).
			SetPrivateKey(priv).
			Exec(ctx)
		if err != nil && !ent.IsConstraintError(err) {
			return nil, fmt.Errorf("ensure instance actor: create: %w", err)
		}
		// On a constraint error another process created it first: use theirs.
	} else {
		// A row without keys (made by hand, or by an older version) gets them, once:
		// the condition on the empty key makes a concurrent second update a no-op.
		err = db.Account.Update().
			Where(account.ID(a.ID), account.PrivateKey("")).
			SetPrivateKey(priv).SetPublicKey(pub).
			SetPublicKeyURI(u.Base() + instanceActorPath + "#main-key").
			Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("ensure instance actor: add keys: %w", err)
		}
	}
	a, err = loadInstanceActor(ctx, db.Client, host)
	if err != nil {
		return nil, fmt.Errorf("ensure instance actor: reload: %w", err)
	}
	return a, nil
}

func loadInstanceActor(ctx context.Context, c *ent.Client, host string) (*ent.Account, error) {
	return c.Account.Query().Where(account.Username(host), account.Domain("")).Only(ctx)
}

// isInstanceActor tells the instance actor from the accounts of people.
func (s *Server) isInstanceActor(a *ent.Account) bool {
	return a.Domain == "" && a.ActorType == account.ActorTypeAPPLICATION &&
		strings.EqualFold(a.Username, s.cfg.Host)
}

// instanceActor serves the instance actor's document, to anyone: other servers
// fetch it, unsigned, to verify the signatures fedigraph makes with it, and a
// server with authorized fetch on must be able to do that before it can sign.
func (s *Server) instanceActor(w http.ResponseWriter, r *http.Request, _ *viewer) error {
	a, err := EnsureInstanceActor(r.Context(), s.cfg.DB, s.cfg.URIs, s.cfg.Host)
	if err != nil {
		return err
	}
	b, err := s.cfg.Render.Actor(a, nil, nil, nil)
	if err != nil {
		return fmt.Errorf("render instance actor: %w", err)
	}
	writeActivity(w, b)
	return nil
}

// instanceActorCollection serves the instance actor's empty collections.
func (s *Server) instanceActorCollection(w http.ResponseWriter, r *http.Request, _ *viewer) error {
	b, err := s.cfg.Render.OrderedCollection(s.cfg.URIs.Base()+r.URL.Path, 0, "")
	if err != nil {
		return err
	}
	writeActivity(w, b)
	return nil
}

// instanceActorWeb is where a browser asking for the instance actor goes: the
// server's home page.
func (s *Server) instanceActorWeb(*http.Request) string { return s.cfg.URIs.Base() + "/" }
