package inbound

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/poll"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/federation/ap"
)

// create applies a Create of a post (Note, Question, Article, Page…), or of a vote
// in a local poll (a Note whose name is the chosen option, replying to the poll).
func (p *Processor) create(ctx context.Context, act *ap.Activity, signer *ent.Account) error {
	if act.Object == nil || act.Object.Note == nil {
		if act.Object != nil && act.Object.Type != "" {
			return unsupported("a Create of a %s", act.Object.Type)
		}
		// Only the post's ID: fetch it from its origin, which vouches for it.
		iri := objectIRI(act)
		if iri == "" || p.Resolve == nil {
			return unsupported("a Create without its object")
		}
		if !sameHost(iri, act.Actor) {
			return forbidden("creates %s on another host", iri)
		}
		_, err := p.Resolve.Status(ctx, iri)
		return err
	}
	n := act.Object.Note
	if !sameHost(n.ID, act.Actor) || (n.AttributedTo != "" && !sameHost(n.AttributedTo, act.Actor)) {
		return forbidden("creates %s, attributed to %s, for an actor on another host", n.ID, n.AttributedTo)
	}
	author := signer
	if n.AttributedTo != "" && n.AttributedTo != signer.URI {
		// Another actor of the same server (a group relaying its member's post).
		var err error
		if author, err = p.account(ctx, n.AttributedTo); err != nil {
			return err
		}
	}
	if voted, err := p.pollVote(ctx, n, author); voted || err != nil {
		return err
	}
	_, _, err := p.Ingest.UpsertStatus(ctx, n, author)
	return err
}

// pollVote applies n as a vote when it is one: its name is an option of the poll of
// the local status it replies to, as Mastodon and others send votes (one Create per chosen
// option). It reports whether n was a vote.
func (p *Processor) pollVote(ctx context.Context, n *ap.Note, voter *ent.Account) (bool, error) {
	if n.Name == "" || n.InReplyTo == "" {
		return false, nil
	}
	st, err := p.DB.Status.Query().Where(status.URI(n.InReplyTo), status.Local(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load status %s: %w", n.InReplyTo, err)
	}
	pl, err := p.DB.Poll.Query().Where(poll.HasStatusWith(status.ID(st.ID))).Only(ctx)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load poll of %s: %w", st.URI, err)
	}
	choice := slices.IndexFunc(pl.Options, func(o string) bool { return strings.TrimSpace(o) == strings.TrimSpace(n.Name) })
	if choice < 0 {
		return false, nil // a titled post (an Article) replying to the poll, not a vote
	}
	return true, p.vote(ctx, pl, choice, voter, n.ID)
}
