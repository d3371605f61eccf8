package media

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/account"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
)

// PruneOptions say what Prune removes.
type PruneOptions struct {
	// RemoteOlderThan uncaches remote media (attachments, avatars, headers of remote
	// accounts) stored longer than this; the rows stay, with their remote URLs, and
	// are fetched again when needed. 0 keeps remote media for ever.
	RemoteOlderThan time.Duration
	// UnattachedOlderThan deletes local uploads never attached to a status (or left
	// over when their status was deleted), and avatars and headers no longer in use.
	// Default 24 hours, as Mastodon.
	UnattachedOlderThan time.Duration
	// OrphanGrace leaves alone files younger than this, which may belong to an upload
	// in progress. Default one hour.
	OrphanGrace time.Duration
	// DryRun counts what would go without removing anything.
	DryRun bool
}

// PruneReport counts what Prune removed (or, in a dry run, would remove).
type PruneReport struct {
	RemoteUncached    int   `json:"remote_uncached"`
	UnattachedDeleted int   `json:"unattached_deleted"`
	OrphanFiles       int   `json:"orphan_files"`
	Bytes             int64 `json:"bytes"`
}

func (r PruneReport) String() string {
	return fmt.Sprintf("%d remote files uncached, %d unattached uploads deleted, %d orphaned files removed, %d bytes freed",
		r.RemoteUncached, r.UnattachedDeleted, r.OrphanFiles, r.Bytes)
}

const pruneBatch = 500

// Prune frees storage: expired copies of remote media, uploads nobody uses, and files
// no row refers to (left by a crash, or by a row deleted while its files were not).
func (s *Service) Prune(ctx context.Context, o PruneOptions) (PruneReport, error) {
	if o.UnattachedOlderThan <= 0 {
		o.UnattachedOlderThan = 24 * time.Hour
	}
	if o.OrphanGrace <= 0 {
		o.OrphanGrace = time.Hour
	}
	var rep PruneReport
	now := s.Now()
	if o.RemoteOlderThan > 0 {
		if err := s.pruneRemote(ctx, now.Add(-o.RemoteOlderThan), o.DryRun, &rep); err != nil {
			return rep, err
		}
	}
	if err := s.pruneUnattached(ctx, now.Add(-o.UnattachedOlderThan), o.DryRun, &rep); err != nil {
		return rep, err
	}
	if err := s.pruneOrphans(ctx, now.Add(-o.OrphanGrace), o.DryRun, &rep); err != nil {
		return rep, err
	}
	return rep, nil
}

func (s *Service) pruneRemote(ctx context.Context, before time.Time, dry bool, rep *PruneReport) error {
	after := ""
	for {
		ms, err := s.DB.MediaAttachment.Query().
			Where(mediaattachment.RemoteURLNEQ(""), mediaattachment.Cached(true),
				mediaattachment.UpdatedAtLT(before), mediaattachment.IDGT(after)).
			Order(ent.Asc(mediaattachment.FieldID)).Limit(pruneBatch).All(ctx)
		if err != nil {
			return fmt.Errorf("find expired remote media: %w", err)
		}
		for _, m := range ms {
			rep.RemoteUncached++
			rep.Bytes += m.FileSize
			if dry {
				continue
			}
			err := m.Update().SetCached(false).SetFilePath("").SetPreviewPath("").Exec(ctx)
			if err != nil {
				return fmt.Errorf("uncache remote media: %w", err)
			}
			s.deleteKeys(ctx, m.FilePath, m.PreviewPath)
		}
		if len(ms) < pruneBatch {
			return nil
		}
		after = ms[len(ms)-1].ID
	}
}

func (s *Service) pruneUnattached(ctx context.Context, before time.Time, dry bool, rep *PruneReport) error {
	after := ""
	for {
		ms, err := s.DB.MediaAttachment.Query().
			Where(mediaattachment.RemoteURL(""), mediaattachment.CreatedAtLT(before), mediaattachment.IDGT(after),
				mediaattachment.Or(
					mediaattachment.And(mediaattachment.PurposeEQ(mediaattachment.PurposeATTACHMENT),
						mediaattachment.Not(mediaattachment.HasStatus())),
					mediaattachment.PurposeIn(mediaattachment.PurposeAVATAR, mediaattachment.PurposeHEADER))).
			Order(ent.Asc(mediaattachment.FieldID)).Limit(pruneBatch).All(ctx)
		if err != nil {
			return fmt.Errorf("find unattached media: %w", err)
		}
		if len(ms) == 0 {
			return nil
		}
		inUse, err := s.profileImagesInUse(ctx, ms)
		if err != nil {
			return err
		}
		var gone []*ent.MediaAttachment
		for _, m := range ms {
			if !inUse[m.ID] {
				gone = append(gone, m)
				rep.UnattachedDeleted++
				rep.Bytes += m.FileSize
			}
		}
		if !dry {
			if err := s.Delete(ctx, gone...); err != nil {
				return err
			}
		}
		if len(ms) < pruneBatch {
			return nil
		}
		after = ms[len(ms)-1].ID
	}
}

// profileImagesInUse reports which of the avatars and headers are some account's.
func (s *Service) profileImagesInUse(ctx context.Context, ms []*ent.MediaAttachment) (map[string]bool, error) {
	var ids []string
	for _, m := range ms {
		if m.Purpose != mediaattachment.PurposeATTACHMENT {
			ids = append(ids, m.ID)
		}
	}
	inUse := map[string]bool{}
	if len(ids) == 0 {
		return inUse, nil
	}
	as, err := s.DB.Account.Query().Where(account.Or(account.AvatarIDIn(ids...), account.HeaderIDIn(ids...))).
		Select(account.FieldAvatarID, account.FieldHeaderID).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("find profile images in use: %w", err)
	}
	for _, a := range as {
		for _, id := range []*string{a.AvatarID, a.HeaderID} {
			if id != nil {
				inUse[*id] = true
			}
		}
	}
	return inUse, nil
}

// pruneOrphans walks the storage and removes files that no attachment refers to.
func (s *Service) pruneOrphans(ctx context.Context, before time.Time, dry bool, rep *PruneReport) error {
	type file struct{ key, id string }
	var batch []file
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ids := make([]string, len(batch))
		for i, f := range batch {
			ids[i] = f.id
		}
		ms, err := s.DB.MediaAttachment.Query().Where(mediaattachment.IDIn(ids...)).All(ctx)
		if err != nil {
			return fmt.Errorf("match stored files: %w", err)
		}
		known := map[string]bool{}
		for _, m := range ms {
			known[m.FilePath], known[m.PreviewPath] = true, true
			if m.Processing == mediaattachment.ProcessingPENDING {
				known[pendingKey(m.ID)] = true
			}
		}
		for _, f := range batch {
			if known[f.key] {
				continue
			}
			rep.OrphanFiles++
			if st, err := s.Storage.Open(ctx, f.key); err == nil {
				rep.Bytes += st.Size()
				st.Close()
			}
			if !dry {
				s.deleteKeys(ctx, f.key)
			}
		}
		batch = batch[:0]
		return nil
	}
	err := s.Storage.Walk(ctx, func(key string, modified time.Time) error {
		if !modified.Before(before) || strings.HasPrefix(key, "emoji/") {
			return nil
		}
		base := path.Base(key)
		batch = append(batch, file{key: key, id: strings.TrimSuffix(base, path.Ext(base))})
		if len(batch) == pruneBatch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("walk media storage: %w", err)
	}
	return flush()
}
