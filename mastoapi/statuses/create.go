package statuses

import (
	"net/http"

	"github.com/fedigraph/fedigraph/graph/auth"
	"github.com/fedigraph/fedigraph/graph/posting"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/enums"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// create serves POST /api/v1/statuses through the posting service, as the GraphQL
// createStatus mutation does: the draft, visibility (public, unlisted, private,
// direct, or GoToSocial's mutuals_only), in_reply_to_id, and GoToSocial's local_only.
//
// The Idempotency-Key header makes a retry safe: the same key from the same account
// within the hour answers the status it posted (graph/posting keeps the keys). With
// scheduled_at, the status is kept to be posted then (graph/scheduling) and the
// answer is a ScheduledStatus.
func (h *Handlers) create(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := params.Read(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	in := posting.NewStatus{
		InReplyToID: v.Get("in_reply_to_id"),
		LocalOnly:   v.True("local_only"),
	}
	if in.Draft, err = readDraft(v); err != nil {
		respond.Error(w, r, err)
		return
	}
	if in.Visibility, err = enums.Visibility(v.Get("visibility")); err != nil {
		respond.Error(w, r, err)
		return
	}
	in.ApplicationID = auth.FromContext(ctx).AppID
	in.IdempotencyKey = r.Header.Get("Idempotency-Key")
	if at := v.Get("scheduled_at"); at != "" {
		h.schedule(w, r, in, at)
		return
	}
	st, err := h.Resolver.Posting.Create(ctx, access.AccountID(ctx), in)
	h.status(w, r, st, err)
}
