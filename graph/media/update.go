package media

import (
	"context"
	"fmt"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/apperr"
)

// Changes to an attachment; nil leaves a value as it is.
type Changes struct {
	Description *string
	Focus       *Focus
}

// Own loads one of the account's attachments. Someone else's is not found, as far as
// they are concerned.
func (s *Service) Own(ctx context.Context, accountID, id string) (*ent.MediaAttachment, error) {
	m, err := s.DB.MediaAttachment.Query().
		Where(mediaattachment.ID(id), mediaattachment.AccountID(accountID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("media attachment not found")
	}
	if err != nil {
		return nil, fmt.Errorf("load media: %w", err)
	}
	return m, nil
}

// Update changes the description (alt text) or focal point of one of the account's
// attachments. Mastodon allows it until the attachment is attached; fedigraph allows
// it afterwards too, since fixing alt text later is worth having (the status's next
// edit carries it to other servers).
func (s *Service) Update(ctx context.Context, accountID, id string, c Changes) (*ent.MediaAttachment, error) {
	if c.Description != nil {
		if err := s.checkDescription(*c.Description); err != nil {
			return nil, err
		}
	}
	if err := checkFocus(c.Focus); err != nil {
		return nil, err
	}
	m, err := s.Own(ctx, accountID, id)
	if err != nil {
		return nil, err
	}
	u := m.Update().SetNillableDescription(c.Description)
	if c.Focus != nil {
		u.SetFocusX(c.Focus.X).SetFocusY(c.Focus.Y)
	}
	m, err = u.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("update media: %w", err)
	}
	return m, nil
}

// Delete removes attachments and their files. Callers decide which may go (a
// deleted status's, with delete_media; unattached ones, in Prune).
func (s *Service) Delete(ctx context.Context, ms ...*ent.MediaAttachment) error {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	if _, err := s.DB.MediaAttachment.Delete().Where(mediaattachment.IDIn(ids...)).Exec(ctx); err != nil {
		return fmt.Errorf("delete media: %w", err)
	}
	for _, m := range ms {
		s.deleteKeys(ctx, m.FilePath, m.PreviewPath, pendingKey(m.ID))
	}
	return nil
}
