// Package inbox receives activities from other servers. The HTTP handler does only
// what must be answered at once: it bounds the body, verifies the HTTP signature,
// parses the activity, checks that the signer is the actor and that the actor may
// speak for what the activity carries, and then queues the activity as a durable job
// and answers 202. The job applies it (federation/inbound), so a slow or failing
// apply never holds the sender's connection, and nothing accepted is lost in a crash.
package inbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/riverqueue/river"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/httpsig"
	"github.com/fedigraph/fedigraph/federation/outbox"
	"github.com/fedigraph/fedigraph/graph/domains"
	"github.com/fedigraph/fedigraph/graph/jobs"
	"github.com/fedigraph/fedigraph/graph/store"
)

// MaxBody is the largest activity accepted (Mastodon's limit is 1 MB too).
const MaxBody = 1 << 20

// Handler serves POST /inbox and POST /users/{username}/inbox.
type Handler struct {
	DB       *store.DB
	Queue    *jobs.Queue
	Verifier httpsig.Verifier
	Host     string
}

// Args is a verified activity waiting to be applied. ActivityID makes a redelivered
// activity a duplicate job, which the queue drops.
type Args struct {
	ActivityID string          `json:"activity_id" river:"unique"`
	Signer     string          `json:"signer"` // the verified key owner's actor URI
	Body       json.RawMessage `json:"body"`
}

// Kind names the job.
func (Args) Kind() string { return "federation.inbox" }

// InsertOpts puts the job on the federation queue, once per activity ID for as long
// as the queue remembers finished jobs.
func (Args) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.Federation, MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Routes mounts the inboxes.
func (h *Handler) Routes(r chi.Router) {
	r.Post("/inbox", h.serve)
	r.Post("/users/{username}/inbox", h.serve)
}

func (h *Handler) serve(w http.ResponseWriter, r *http.Request) {
	status, err := h.accept(r)
	if err != nil {
		http.Error(w, err.Error(), status)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// accept checks and queues one delivery, returning the status to answer with.
func (h *Handler) accept(r *http.Request) (int, error) {
	ctx := r.Context()
	if username := chi.URLParam(r, "username"); username != "" {
		exists, err := h.DB.Account.Query().
			Where(account.Username(username), account.Domain(""), account.SuspendedAtIsNil()).Exist(ctx)
		if err != nil {
			return http.StatusInternalServerError, errors.New("internal error")
		}
		if !exists {
			return http.StatusNotFound, errors.New("no such inbox")
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		return http.StatusBadRequest, errors.New("could not read the body")
	}
	if len(body) > MaxBody {
		return http.StatusRequestEntityTooLarge, fmt.Errorf("activities over %d bytes are not accepted", MaxBody)
	}
	verified, err := h.Verifier.Verify(ctx, r, body)
	if err != nil {
		return signatureStatus(err), fmt.Errorf("signature: %v", err)
	}
	act, err := ap.ParseActivity(body)
	if err != nil {
		return http.StatusBadRequest, err
	}
	if act.Actor != verified.Owner {
		return http.StatusUnauthorized, fmt.Errorf("signed by %s, not by the activity's actor %s", verified.Owner, act.Actor)
	}
	actorHost := hostOf(act.Actor)
	if suspended, err := domains.Suspended(ctx, h.DB.Client, actorHost); err != nil {
		return http.StatusInternalServerError, errors.New("internal error")
	} else if suspended {
		return http.StatusForbidden, errors.New("this server does not federate with yours")
	}
	if err := authoredByActor(act, actorHost); err != nil {
		return http.StatusForbidden, err
	}
	err = h.Queue.Insert(ctx, Args{ActivityID: act.ID, Signer: verified.Owner, Body: body}, nil)
	if err != nil {
		return http.StatusInternalServerError, errors.New("could not queue the activity; try again")
	}
	// Hearing from a server shows it is up: deliveries to it may resume.
	_ = outbox.MarkAvailable(ctx, h.DB.Client, actorHost)
	return 0, nil
}

// authoredByActor refuses an activity that carries an object the actor's server does
// not own: a Create or Update of someone else's post, a Delete of another server's
// object. (Announce, Like, Follow and the like name others' objects by design.)
func authoredByActor(act *ap.Activity, actorHost string) error {
	if act.ID != "" && !strings.EqualFold(hostOf(act.ID), actorHost) {
		return fmt.Errorf("activity %s is not on the actor's host %s", act.ID, actorHost)
	}
	switch act.Type {
	case "Create", "Update", "Delete":
	default:
		return nil
	}
	owned := []string{act.ObjectIRI}
	if act.Object != nil && act.Object.Note != nil {
		owned = append(owned, act.Object.Note.AttributedTo)
	}
	for _, iri := range owned {
		if iri != "" && !strings.EqualFold(hostOf(iri), actorHost) {
			return fmt.Errorf("%s may not %s %s, which another server owns", act.Actor, strings.ToLower(act.Type), iri)
		}
	}
	return nil
}

// signatureStatus maps a verification failure to an answer: unsigned or unverifiable
// requests are 401 (the sender may retry with a good signature), broken ones 400.
func signatureStatus(err error) int {
	switch {
	case errors.Is(err, httpsig.ErrMalformed), errors.Is(err, httpsig.ErrBadDigest):
		return http.StatusBadRequest
	case errors.Is(err, httpsig.ErrKeyUnavailable):
		return http.StatusUnauthorized
	default:
		return http.StatusUnauthorized
	}
}

func hostOf(iri string) string {
	u, err := url.Parse(iri)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// Applier carries out a verified activity; federation/inbound implements it.
type Applier interface {
	Apply(ctx context.Context, act *ap.Activity, signer *ent.Account) error
}

// Permanent reports whether an apply error will not heal with a retry (the activity
// is refused or not understood); the worker then drops the activity.
type Permanent func(error) bool

// Worker applies queued activities.
type Worker struct {
	river.WorkerDefaults[Args]
	Accounts interface {
		Account(ctx context.Context, uri string) (*ent.Account, error)
	}
	Apply     Applier
	Permanent Permanent
}

// Work applies one activity.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	act, err := ap.ParseActivity(job.Args.Body)
	if err != nil {
		return river.JobCancel(err)
	}
	signer, err := w.Accounts.Account(ctx, job.Args.Signer)
	if err != nil {
		return fmt.Errorf("load signer %s: %w", job.Args.Signer, err)
	}
	if err := w.Apply.Apply(ctx, act, signer); err != nil {
		if w.Permanent != nil && w.Permanent(err) {
			return river.JobCancel(err)
		}
		return err
	}
	return nil
}

// NextRetry retries a failed apply soon: the usual cause is a remote object that
// could not be fetched yet.
func (w *Worker) NextRetry(job *river.Job[Args]) time.Time {
	return time.Now().Add(time.Duration(job.Attempt*job.Attempt) * 10 * time.Second)
}
