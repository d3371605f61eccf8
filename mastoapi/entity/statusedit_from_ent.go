package entity

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/statusedit"
)

// StatusSource renders a status's text as its author typed it.
func (r *Renderer) StatusSource(st *ent.Status) *StatusSource {
	return &StatusSource{ID: st.ID, Text: st.Text, SpoilerText: st.SpoilerText}
}

// StatusHistory renders every revision of a status, oldest first, ending with the
// current one, as GET /api/v1/statuses/:id/history answers. A status never edited
// has one revision: itself.
func (r *Renderer) StatusHistory(ctx context.Context, st *ent.Status) ([]*StatusEdit, error) {
	b, err := r.loadStatusBatch(ctx, "", []*ent.Status{st})
	if err != nil {
		return nil, err
	}
	author := b.accounts[st.AccountID]
	edits, err := r.DB.StatusEdit.Query().Where(statusedit.StatusID(st.ID)).
		Order(ent.Asc(statusedit.FieldCreatedAt), ent.Asc(statusedit.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("render status history %s: load revisions: %w", st.ID, err)
	}
	media, err := r.revisionMedia(ctx, edits)
	if err != nil {
		return nil, err
	}
	out := make([]*StatusEdit, 0, len(edits)+1)
	for _, e := range edits {
		rev := &StatusEdit{
			Content: e.Content, SpoilerText: e.SpoilerText, Sensitive: e.Sensitive,
			CreatedAt: NewTime(e.CreatedAt), Account: author,
			Poll: revisionPoll(e.PollOptions), MediaAttachments: []MediaAttachment{}, Emojis: []CustomEmoji{},
		}
		for _, id := range e.MediaIds {
			if m := media[id]; m != nil {
				rev.MediaAttachments = append(rev.MediaAttachments, r.mediaOf(m))
			}
		}
		out = append(out, rev)
	}
	current := &StatusEdit{
		Content: st.Content, SpoilerText: st.SpoilerText, Sensitive: st.Sensitive,
		CreatedAt: NewTime(st.CreatedAt), Account: author,
		MediaAttachments: []MediaAttachment{}, Emojis: []CustomEmoji{},
	}
	if st.EditedAt != nil {
		current.CreatedAt = NewTime(*st.EditedAt)
	}
	if e := b.edges[st.ID]; e != nil {
		for _, m := range e.media {
			current.MediaAttachments = append(current.MediaAttachments, r.mediaOf(m))
		}
		if e.poll != nil {
			current.Poll = revisionPoll(e.poll.Options)
		}
	}
	return append(out, current), nil
}

// revisionMedia reads the attachments every revision refers to, in one query.
func (r *Renderer) revisionMedia(ctx context.Context, edits []*ent.StatusEdit) (map[string]*ent.MediaAttachment, error) {
	var ids []string
	for _, e := range edits {
		ids = append(ids, e.MediaIds...)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := r.DB.MediaAttachment.Query().Where(mediaattachment.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("render status history: load media: %w", err)
	}
	byID := make(map[string]*ent.MediaAttachment, len(rows))
	for _, m := range rows {
		byID[m.ID] = m
	}
	return byID, nil
}

// revisionPoll is a poll's options at one revision, or nil for a revision without one.
func revisionPoll(options []string) *StatusEditPoll {
	if len(options) == 0 {
		return nil
	}
	p := &StatusEditPoll{Options: make([]StatusEditPollOption, len(options))}
	for i, o := range options {
		p.Options[i] = StatusEditPollOption{Title: o}
	}
	return p
}
