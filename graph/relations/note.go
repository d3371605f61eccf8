package relations

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/accountnote"
	"github.com/fedigraph/fedigraph/ent/predicate"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
)

// MaxNoteLength is the longest private note, in characters, as on Mastodon.
const MaxNoteLength = 2000

// SetNote keeps a private note about the target that only the actor sees. A blank
// comment removes the note.
func (s *Service) SetNote(ctx context.Context, actorID, targetID, comment string) (*Relationship, error) {
	if n := utf8.RuneCountInString(comment); n > MaxNoteLength {
		return nil, apperr.BadInputf("Validation failed: the note is %d characters long, more than %d", n, MaxNoteLength)
	}
	return s.change(ctx, actorID, targetID, func(tx *store.Tx, p pair) error {
		theNote := []predicate.AccountNote{accountnote.AccountID(actorID), accountnote.TargetAccountID(targetID)}
		if strings.TrimSpace(comment) == "" {
			_, err := tx.AccountNote.Delete().Where(theNote...).Exec(ctx)
			return wrap(err, "delete note")
		}
		existing, err := tx.AccountNote.Query().Where(theNote...).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			err = tx.AccountNote.Create().SetID(ids.New(s.now())).
				SetAccountID(actorID).SetTargetAccountID(targetID).SetComment(comment).Exec(ctx)
			return wrap(err, "create note")
		case err != nil:
			return fmt.Errorf("load note: %w", err)
		}
		return wrap(existing.Update().SetComment(comment).Exec(ctx), "update note")
	})
}
