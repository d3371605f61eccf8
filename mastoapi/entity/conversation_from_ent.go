package entity

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/conversations"
	"github.com/fedigraph/fedigraph/graph/visibility"
)

// Conversations renders a page of the viewer's conversations: the participants are
// read in one query and the latest statuses rendered in one batch, whatever the page
// size. Participants whose accounts are gone (suspended, deleted) are left out.
func (r *Renderer) Conversations(ctx context.Context, viewerID string, cs []*ent.Conversation) ([]*Conversation, error) {
	var accountIDs, statusIDs []string
	for _, cv := range cs {
		accountIDs = append(accountIDs, conversations.Participants(cv)...)
		if cv.LastStatusID != nil {
			statusIDs = append(statusIDs, *cv.LastStatusID)
		}
	}
	as, err := r.DB.Account.Query().Where(account.IDIn(accountIDs...), account.SuspendedAtIsNil()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("render conversations: load accounts: %w", err)
	}
	renderedAccounts, err := r.Accounts(ctx, as)
	if err != nil {
		return nil, err
	}
	accounts := make(map[string]*Account, len(renderedAccounts))
	for _, a := range renderedAccounts {
		accounts[a.ID] = a
	}
	sts, err := r.DB.Status.Query().Where(status.IDIn(statusIDs...), visibility.Statuses(viewerID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("render conversations: load statuses: %w", err)
	}
	renderedStatuses, err := r.Statuses(ctx, viewerID, sts)
	if err != nil {
		return nil, err
	}
	statuses := make(map[string]*Status, len(renderedStatuses))
	for _, st := range renderedStatuses {
		statuses[st.ID] = st
	}
	out := make([]*Conversation, len(cs))
	for i, cv := range cs {
		c := &Conversation{ID: cv.ID, Unread: cv.Unread, Accounts: []*Account{}}
		for _, id := range conversations.Participants(cv) {
			if a := accounts[id]; a != nil {
				c.Accounts = append(c.Accounts, a)
			}
		}
		if cv.LastStatusID != nil {
			c.LastStatus = statuses[*cv.LastStatusID]
		}
		out[i] = c
	}
	return out, nil
}
