package oauth

import (
	"errors"
	"net/http"
	"strings"

	"github.com/fedigraph/fedigraph/graph/auth"
)

// showSignIn shows the sign-in form: GET /auth/sign_in?return_to=/path. It shows the
// form even to a signed-in browser, which is how force_login lets someone switch
// accounts.
func (s *Server) showSignIn(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "sign_in", page{Title: "Sign in", ReturnTo: localPath(r.URL.Query().Get("return_to"))})
}

// signIn checks the form and starts a session: POST /auth/sign_in.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	if err := crossOrigin.Check(r); err != nil {
		s.renderMessage(w, http.StatusForbidden, "Sign-in refused", "This sign-in form was sent from another site.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.renderMessage(w, http.StatusBadRequest, "Sign-in failed", "The form could not be read. Please try again.")
		return
	}
	email, password := strings.TrimSpace(r.PostForm.Get("email")), r.PostForm.Get("password")
	form := page{Title: "Sign in", Email: email, ReturnTo: localPath(r.PostForm.Get("return_to"))}
	if email == "" || password == "" {
		form.Error = "Enter your email address and password."
		s.render(w, http.StatusBadRequest, "sign_in", form)
		return
	}
	user, err := s.auth.SignIn(r.Context(), email, password)
	if err != nil {
		status, msg := signInFailure(err)
		if status == http.StatusInternalServerError {
			s.opts.Logger.ErrorContext(r.Context(), "sign in", "err", err)
		}
		form.Error = msg
		s.render(w, status, "sign_in", form)
		return
	}
	// A fresh session on every sign-in, and the old one ended, so a session identifier
	// planted before sign-in (session fixation) never becomes a signed-in one.
	if old, err := r.Cookie(auth.SessionCookie); err == nil {
		if err := s.auth.EndSession(r.Context(), old.Value); err != nil {
			s.opts.Logger.WarnContext(r.Context(), "end previous session", "err", err)
		}
	}
	cookie, err := s.auth.CreateSession(r.Context(), user.ID, r.UserAgent(), s.opts.SessionLifetime)
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "create session", "err", err)
		form.Error = "Something went wrong on our side. Please try again."
		s.render(w, http.StatusInternalServerError, "sign_in", form)
		return
	}
	s.setSessionCookie(w, cookie, int(s.opts.SessionLifetime.Seconds()))
	http.Redirect(w, r, form.ReturnTo, http.StatusSeeOther)
}

// signInFailure words a SignIn error for the form. A wrong password and an unknown
// email read the same; the account states are told only to someone who gave the
// right password.
func signInFailure(err error) (int, string) {
	switch {
	case errors.Is(err, auth.ErrBadCredentials):
		return http.StatusUnauthorized, "Incorrect email address or password."
	case errors.Is(err, auth.ErrUnconfirmed):
		return http.StatusForbidden, "Please confirm your email address first: follow the link in the email we sent you."
	case errors.Is(err, auth.ErrPendingApproval):
		return http.StatusForbidden, "Your account is waiting for a moderator's approval."
	case errors.Is(err, auth.ErrAccountDisabled):
		return http.StatusForbidden, "Your account has been disabled."
	case errors.Is(err, auth.ErrAccountSuspended):
		return http.StatusForbidden, "Your account has been suspended."
	}
	return http.StatusInternalServerError, "Something went wrong on our side. Please try again."
}

// showSignOut offers a sign-out button: GET /auth/sign_out. Signing out on a plain GET
// would let any page sign people out with an <img>, so it takes a POST.
func (s *Server) showSignOut(w http.ResponseWriter, r *http.Request) {
	v, _, err := s.signedIn(r)
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "read session", "err", err)
	}
	if v == nil {
		s.render(w, http.StatusOK, "message", page{Title: "Signed out", Message: "You are not signed in.", ReturnTo: "/auth/sign_in"})
		return
	}
	s.render(w, http.StatusOK, "sign_out", page{Title: "Sign out", Account: s.username(r, v.AccountID)})
}

// signOut ends the session: POST /auth/sign_out. The cross-origin check is its CSRF
// defence, so the web app can sign out with a same-origin fetch.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if err := crossOrigin.Check(r); err != nil {
		s.renderMessage(w, http.StatusForbidden, "Sign-out refused", "This request came from another site.")
		return
	}
	if c, err := r.Cookie(auth.SessionCookie); err == nil {
		if err := s.auth.EndSession(r.Context(), c.Value); err != nil {
			s.opts.Logger.ErrorContext(r.Context(), "end session", "err", err)
			s.renderMessage(w, http.StatusInternalServerError, "Sign-out failed", "Something went wrong on our side. Please try again.")
			return
		}
	}
	s.setSessionCookie(w, "", -1)
	http.Redirect(w, r, "/auth/sign_in", http.StatusSeeOther)
}

// username returns the account's username for display, or "" if it cannot be loaded.
func (s *Server) username(r *http.Request, accountID string) string {
	a, err := s.db.Account.Get(r.Context(), accountID)
	if err != nil {
		s.opts.Logger.WarnContext(r.Context(), "load account", "account", accountID, "err", err)
		return ""
	}
	return a.Username
}
