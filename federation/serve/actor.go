package serve

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
)

// localAccount loads the local account a route's {username} names. Unknown names are
// 404; suspended accounts 410, so that other servers drop what they hold of them.
// Usernames match without regard to case, as Mastodon's do; the document then
// carries the canonical IRI.
func (s *Server) localAccount(ctx context.Context, r *http.Request) (*ent.Account, error) {
	username := chi.URLParam(r, "username")
	if username == "" || len(username) > 255 {
		return nil, notFound()
	}
	a, err := s.cfg.DB.Account.Query().
		Where(account.UsernameEqualFold(username), account.Domain("")).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load account %s: %w", username, err)
	}
	if a.SuspendedAt != nil {
		return nil, gone()
	}
	return a, nil
}

// actor serves a local account's actor document: a Person, or a Service for a bot.
func (s *Server) actor(w http.ResponseWriter, r *http.Request, _ *viewer) error {
	ctx := r.Context()
	a, err := s.localAccount(ctx, r)
	if err != nil {
		return err
	}
	// The actor itself is served even to servers the account blocks: they need its
	// key to read what it sends, and Mastodon does the same.
	a, err = s.cfg.DB.Account.Query().Where(account.ID(a.ID)).
		WithAvatar().WithHeader().WithEmojis().Only(ctx)
	if err != nil {
		return fmt.Errorf("load account %s: %w", a.ID, err)
	}
	movedTo := ""
	if a.MovedToID != nil {
		target, err := s.cfg.DB.Account.Get(ctx, *a.MovedToID)
		if err != nil && !ent.IsNotFound(err) {
			return fmt.Errorf("load account %s moved to: %w", a.ID, err)
		}
		if target != nil {
			movedTo = target.URI
		}
	}
	b, err := s.cfg.Render.ActorMoved(a, a.Edges.Avatar, a.Edges.Header, a.Edges.Emojis, movedTo)
	if err != nil {
		return fmt.Errorf("render actor %s: %w", a.ID, err)
	}
	writeActivity(w, b)
	return nil
}

// accountWeb is the profile page of the account a route names.
func (s *Server) accountWeb(r *http.Request) string {
	return s.cfg.URIs.AccountWeb(chi.URLParam(r, "username"))
}
