// Package inbound applies one verified activity that another server delivered to an
// inbox: a post, an edit, a deletion, a follow and its answer, a like, a boost, a
// block, a report, an account's move, and the undoing of these. Each is carried out
// through the same domain packages local actions use (graph/relations,
// graph/interact, graph/polls, graph/reports, federation/ingest), so that what a remote
// account does notifies, counts and streams like what a local one does.
//
// The rules of trust are strict: the activity's actor must be the account whose key
// signed it, and what it creates or names as its own must live on the actor's host.
// Applying an activity a second time changes nothing.
package inbound

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/federation/ap"
	"github.com/fedigraph/fedigraph/federation/ingest"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/domains"
	"github.com/fedigraph/fedigraph/graph/federate"
	"github.com/fedigraph/fedigraph/graph/hub"
	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/polls"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/reports"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/uris"
)

// Processor applies activities. Every field but Resolve, Federator and Now is
// required; the services should share DB and Events with it.
type Processor struct {
	DB        *store.DB
	Ingest    *ingest.Ingester
	Resolve   ingest.Resolver // nil: only stored objects are found
	Relations *relations.Service
	Interact  *interact.Service
	Polls     *polls.Service
	Reports   *reports.Service
	Federator federate.Federator
	Events    hub.Publisher
	URIs      uris.Builder
	Now       func() time.Time // nil = time.Now
}

// The ways Apply declines an activity. Each error Apply returns wraps at most one of
// them; any other error is a failure worth retrying (the database was unreachable…).
var (
	// ErrForbidden: the activity breaks a rule of trust (its actor is not its signer,
	// it creates an object on another host, it changes another account's object) or
	// comes from a suspended account or domain. An inbox answers 403 when it finds
	// this synchronously; a job drops the activity.
	ErrForbidden = errors.New("forbidden")
	// ErrUnsupported: fedigraph does nothing with this activity (EmojiReact, Add,
	// Remove, a Create of something that is not a post…). An inbox answers 202 and
	// drops it.
	ErrUnsupported = errors.New("unsupported activity")
	// ErrNotFound: the activity is about something this server does not have (a
	// Follow of an account that is not local, a Like of an unknown status). Nothing
	// will change by trying again: it wraps ErrUnsupported, so that whoever drops
	// unsupported activities drops these too.
	ErrNotFound = fmt.Errorf("%w: object not found", ErrUnsupported)
)

func forbidden(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrForbidden, fmt.Sprintf(format, args...))
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}

func notFound(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotFound, fmt.Sprintf(format, args...))
}

// Apply carries out act, which was delivered signed by signer (the account owning the
// verified key). See the package documentation for the rules it enforces.
func (p *Processor) Apply(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	if act == nil || signer == nil {
		return forbidden("no activity or no signer")
	}
	if act.Actor != signer.URI {
		return forbidden("%s %s: actor %s is not the signer %s", act.Type, act.ID, act.Actor, signer.URI)
	}
	if signer.Domain == "" {
		return forbidden("%s %s: a local account cannot deliver to this server", act.Type, act.ID)
	}
	if !sameHost(act.ID, act.Actor) {
		return forbidden("%s %s: the activity is not on its actor's host", act.Type, act.ID)
	}
	// A deleted account's last word: applied even when it is suspended already (a
	// second delivery of the same Delete, or a moderator's suspension before it).
	if act.Type == "Delete" && objectIRI(act) == signer.URI {
		return p.deleteActor(ctx, signer)
	}
	if signer.SuspendedAt != nil {
		return forbidden("%s %s: %s is suspended", act.Type, act.ID, signer.URI)
	}
	suspended, err := domains.Suspended(ctx, p.DB.Client, signer.Domain)
	if err != nil {
		return err
	}
	if suspended {
		return forbidden("%s %s: domain %s is suspended", act.Type, act.ID, signer.Domain)
	}
	var apply func(context.Context, *ap.Activity, *ent.Account) error
	switch act.Type {
	case "Create":
		apply = p.create
	case "Update":
		apply = p.update
	case "Delete":
		apply = p.delete
	case "Follow":
		apply = p.follow
	case "Accept":
		apply = p.accept
	case "Reject":
		apply = p.reject
	case "Undo":
		apply = p.undo
	case "Like":
		apply = p.like
	case "Announce":
		apply = p.announce
	case "Block":
		apply = p.block
	case "Flag":
		apply = p.flag
	case "Move":
		apply = p.move
	default:
		return unsupported("%s %s", act.Type, act.ID)
	}
	if err := apply(ctx, act, signer); err != nil {
		return classify(fmt.Errorf("%s %s: %w", act.Type, act.ID, err))
	}
	return nil
}

// classify makes the refusals of the domain packages and of the ingester into
// Apply's errors: a remote server's activity that breaks a rule is dropped, not
// retried.
func classify(err error) error {
	switch {
	case errors.Is(err, ErrForbidden), errors.Is(err, ErrUnsupported):
		return err
	case ingest.IsRefusal(err), apperr.Is(err, apperr.Forbidden):
		return fmt.Errorf("%w: %w", ErrForbidden, err)
	case apperr.Is(err, apperr.NotFound):
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	case apperr.Is(err, apperr.BadInput), apperr.Is(err, apperr.Conflict):
		return fmt.Errorf("%w: %w", ErrUnsupported, err)
	}
	return err
}

// declined reports whether err is a refusal (of the activity, or of a domain write it
// asked for) rather than a failure.
func declined(err error) bool {
	c := classify(err)
	return errors.Is(c, ErrForbidden) || errors.Is(c, ErrUnsupported)
}

func (p *Processor) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// objectIRI is the ID of the activity's (first) object, embedded or not.
func objectIRI(act *ap.Activity) string {
	if act.ObjectIRI != "" {
		return act.ObjectIRI
	}
	if act.Object != nil {
		return act.Object.ID
	}
	return ""
}

// innerActivity is the activity an Accept, Reject or Undo embeds, if it does.
func innerActivity(act *ap.Activity) *ap.Activity {
	if act.Object != nil {
		return act.Object.Activity
	}
	return nil
}

// hostOf is the lower-case host (with port) of a URL, or "".
func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

func sameHost(a, b string) bool {
	h := hostOf(a)
	return h != "" && h == hostOf(b)
}
