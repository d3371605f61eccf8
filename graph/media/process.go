package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/predicate"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/graph/apperr"
)

// Process turns a pending upload into stored files: for an image the re-encoded
// original and its preview, with dimensions and a blurhash; for video and audio the
// file as uploaded. It is idempotent — an attachment already processed (or failed)
// is left alone, and a run cut short by a crash is simply run again, overwriting
// the same keys — so a job queue may retry it freely. A file that turns out to be
// unreadable marks the attachment FAILED and is not retried; only infrastructure
// errors (database, storage) are returned.
func (s *Service) Process(ctx context.Context, id string) error {
	// One run per attachment at a time in this process; a run in another process
	// (a job, where several servers share PostgreSQL) only duplicates the work, since
	// every write below is conditional on the attachment still being pending.
	_, err, _ := s.flight.Do(id, func() (any, error) { return nil, s.processOnce(ctx, id) })
	return err
}

func (s *Service) processOnce(ctx context.Context, id string) error {
	m, err := s.DB.MediaAttachment.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil // deleted before its turn came
	}
	if err != nil {
		return fmt.Errorf("process media %s: %w", id, err)
	}
	if m.Processing != mediaattachment.ProcessingPENDING {
		return nil
	}
	err = s.process(ctx, m)
	if err == nil {
		return nil
	}
	if !apperr.Is(err, apperr.BadInput) {
		return fmt.Errorf("process media %s: %w", id, err)
	}
	s.Logger.Info("media refused in processing", "id", id, "reason", err)
	if _, uerr := s.DB.MediaAttachment.Update().Where(pendingID(id)).
		SetProcessing(mediaattachment.ProcessingFAILED).
		SetFilePath("").SetPreviewPath("").Save(ctx); uerr != nil {
		return fmt.Errorf("process media %s: mark failed: %w", id, uerr)
	}
	s.deleteKeys(ctx, pendingKey(id))
	return nil
}

func (s *Service) process(ctx context.Context, m *ent.MediaAttachment) error {
	raw, err := s.Storage.Open(ctx, pendingKey(m.ID))
	if errors.Is(err, fs.ErrNotExist) {
		if done, _ := s.DB.MediaAttachment.Query().Where(pendingID(m.ID)).Exist(ctx); !done {
			return nil // processed meanwhile, elsewhere
		}
		return refuse(ErrCorrupt, "the uploaded file is missing")
	}
	if err != nil {
		return err
	}
	defer raw.Close()
	head := make([]byte, sniffLen)
	n, _ := io.ReadFull(raw, head)
	f, err := Sniff(head[:n])
	if err != nil {
		return err
	}
	if _, err := raw.Seek(0, io.SeekStart); err != nil {
		return err
	}
	update := s.DB.MediaAttachment.Update().Where(pendingID(m.ID)).SetContentType(f.MIME).SetType(f.Type)
	if !f.Decodable {
		// Video and audio are kept as uploaded: a thumbnail needs decoding them, with
		// ffmpeg, which fedigraph does not use. MP4, MOV and M4A headers give the
		// duration and frame size.
		if meta, ok := probeMP4(raw); ok {
			// Keep the uploaded thumbnail's dimensions.
			meta.PreviewWidth, meta.PreviewHeight = m.Meta.PreviewWidth, m.Meta.PreviewHeight
			update.SetMeta(meta)
		}
		if _, err := raw.Seek(0, io.SeekStart); err != nil {
			return err
		}
		key := fileKey(m, Attachment, SizeOriginal, f.Ext)
		if err := s.Storage.Put(ctx, key, raw); err != nil {
			return err
		}
		update.SetFilePath(key).SetFileSize(raw.Size())
	} else {
		// The slot is taken before the file is read, so that uploads waiting their
		// turn hold no image in memory.
		release, err := s.acquire(ctx)
		if err != nil {
			return err
		}
		defer release()
		data, err := io.ReadAll(io.LimitReader(raw, s.Limits.ImageMaxBytes+1))
		if err != nil {
			return err
		}
		p, err := ProcessImage(data, f, Attachment, s.imageLimits())
		if err != nil {
			return err
		}
		orig, small, err := s.store(ctx, m, Attachment, p)
		if err != nil {
			return err
		}
		update.SetFilePath(orig).SetPreviewPath(small).
			SetContentType(p.Original.MIME).
			SetFileSize(int64(len(p.Original.Data))).
			SetBlurhash(p.Blurhash).
			SetMeta(metaOf(p))
	}
	if _, err := update.SetProcessing(mediaattachment.ProcessingPROCESSED).Save(ctx); err != nil {
		return fmt.Errorf("save processed media: %w", err)
	}
	s.deleteKeys(ctx, pendingKey(m.ID))
	return nil
}

// pendingID matches the attachment while it is still pending.
func pendingID(id string) predicate.MediaAttachment {
	return mediaattachment.And(mediaattachment.ID(id), mediaattachment.ProcessingEQ(mediaattachment.ProcessingPENDING))
}

// store writes the original and the preview of a processed image.
func (s *Service) store(ctx context.Context, m *ent.MediaAttachment, p Purpose, img *Processed) (orig, small string, err error) {
	orig = fileKey(m, p, SizeOriginal, img.Original.Ext)
	small = fileKey(m, p, SizeSmall, img.Preview.Ext)
	if err := s.Storage.Put(ctx, orig, bytes.NewReader(img.Original.Data)); err != nil {
		return "", "", err
	}
	if err := s.Storage.Put(ctx, small, bytes.NewReader(img.Preview.Data)); err != nil {
		s.deleteKeys(ctx, orig)
		return "", "", err
	}
	return orig, small, nil
}

func metaOf(p *Processed) schema.MediaMeta {
	return schema.MediaMeta{
		Width: p.Original.Width, Height: p.Original.Height,
		Aspect:       float64(p.Original.Width) / float64(p.Original.Height),
		PreviewWidth: p.Preview.Width, PreviewHeight: p.Preview.Height,
	}
}

// Wait processes the attachment now, in the caller's goroutine (still within the
// concurrency bound), and returns it as it then is. The Mastodon v1 upload and the
// GraphQL mutation answer with a processed attachment; they use it. A file refused
// in processing is deleted and its refusal returned.
//
// When a burst of uploads keeps it waiting for a slot until shortly before ctx's
// deadline, and a job queue holds the attachment's processing job, Wait gives up and
// returns the attachment still PENDING: the job finishes it, and the client gets an
// answer instead of a timeout.
func (s *Service) Wait(ctx context.Context, id string) (*ent.MediaAttachment, error) {
	wctx := ctx
	if deadline, ok := ctx.Deadline(); ok && s.Queue != nil {
		var cancel context.CancelFunc
		wctx, cancel = context.WithDeadline(ctx, deadline.Add(-waitMargin))
		defer cancel()
	}
	if err := s.Process(wctx, id); err != nil {
		if wctx.Err() == nil || ctx.Err() != nil {
			return nil, err
		}
		m, gerr := s.DB.MediaAttachment.Get(ctx, id)
		if gerr != nil {
			return nil, errors.Join(err, gerr)
		}
		return m, nil
	}
	m, err := s.DB.MediaAttachment.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load media: %w", err)
	}
	if m.Processing == mediaattachment.ProcessingFAILED {
		_ = s.DB.MediaAttachment.DeleteOneID(id).Exec(ctx)
		return nil, refuse(ErrCorrupt, "Validation failed: the file could not be processed")
	}
	return m, nil
}

// waitMargin is the time Wait leaves before its caller's deadline to answer.
const waitMargin = 3 * time.Second

// Resume processes attachments left pending, for instance by a crash before their
// turn came. With a job queue (as the server runs) their jobs do that; Resume is for
// a Service run without one.
func (s *Service) Resume(ctx context.Context) error {
	pending, err := s.DB.MediaAttachment.Query().
		Where(mediaattachment.ProcessingEQ(mediaattachment.ProcessingPENDING), mediaattachment.RemoteURL("")).
		IDs(ctx)
	if err != nil {
		return fmt.Errorf("find pending media: %w", err)
	}
	for _, id := range pending {
		if err := s.Process(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// deleteKeys removes files; a failure is logged, and the orphan is left for Prune.
func (s *Service) deleteKeys(ctx context.Context, keys ...string) {
	ctx = context.WithoutCancel(ctx)
	for _, k := range keys {
		if k == "" {
			continue
		}
		if err := s.Storage.Delete(ctx, k); err != nil {
			s.Logger.Warn("delete media file", "key", k, "err", err)
		}
	}
}
