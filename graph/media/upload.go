package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/ent/schema"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/ids"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/text"
)

// Focus is the focal point clients crop around, each axis in [-1, 1] (0,0 is the
// centre; Mastodon's convention).
type Focus struct{ X, Y float64 }

// NewUpload is a file a local account uploads to attach to a status.
type NewUpload struct {
	AccountID   string
	File        io.Reader
	Description string
	Focus       *Focus
	// Wait says the caller will process the upload itself, with Wait, right away
	// (Mastodon's v1 upload and the GraphQL mutation answer with the processed
	// attachment). Without a Queue nothing else is scheduled; with one the job is
	// still inserted, for durability, and finds the work done.
	Wait bool
	// Thumbnail is an image to show for a video or audio file (Mastodon's thumbnail
	// parameter): fedigraph cannot make one itself. Ignored for images.
	Thumbnail io.Reader
}

// Upload checks and stores a file and schedules its processing. The attachment it
// returns is PENDING; Process (run by the queue, or by Wait) makes it PROCESSED. A
// refused file — wrong type, too large, too many pixels — leaves nothing stored.
func (s *Service) Upload(ctx context.Context, in NewUpload) (*ent.MediaAttachment, error) {
	if err := s.checkDescription(in.Description); err != nil {
		return nil, err
	}
	if err := checkFocus(in.Focus); err != nil {
		return nil, err
	}
	f, body, err := s.read(in.File)
	if err != nil {
		return nil, err
	}
	id := ids.New(s.Now())
	key := pendingKey(id)
	var thumb *Processed
	if in.Thumbnail != nil && !f.Decodable {
		if thumb, err = s.thumbnail(ctx, in.Thumbnail); err != nil {
			return nil, err
		}
	}
	size, err := s.put(ctx, key, body, f)
	if err != nil {
		return nil, err
	}
	thumbKey := ""
	if thumb != nil {
		thumbKey = fileKey(&ent.MediaAttachment{ID: id, AccountID: in.AccountID}, Attachment, SizeSmall, thumb.Preview.Ext)
		if err := s.Storage.Put(ctx, thumbKey, bytes.NewReader(thumb.Preview.Data)); err != nil {
			s.deleteKeys(ctx, key)
			return nil, err
		}
	}
	var m *ent.MediaAttachment
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		create := tx.MediaAttachment.Create().
			SetID(id).
			SetAccountID(in.AccountID).
			SetPurpose(mediaattachment.PurposeATTACHMENT).
			SetType(f.Type).
			SetContentType(f.MIME).
			SetFileSize(size).
			SetDescription(in.Description).
			SetProcessing(mediaattachment.ProcessingPENDING)
		if in.Focus != nil {
			create.SetFocusX(in.Focus.X).SetFocusY(in.Focus.Y)
		}
		if thumb != nil {
			create.SetPreviewPath(thumbKey).SetBlurhash(thumb.Blurhash).
				SetMeta(schema.MediaMeta{PreviewWidth: thumb.Preview.Width, PreviewHeight: thumb.Preview.Height})
		}
		if m, err = create.Save(ctx); err != nil {
			return fmt.Errorf("save attachment: %w", err)
		}
		return s.enqueue(ctx, tx, id, in.Wait)
	})
	if err != nil {
		s.deleteKeys(ctx, key, thumbKey)
		return nil, err
	}
	return m, nil
}

// thumbnail processes a video's or audio file's thumbnail image into a preview.
func (s *Service) thumbnail(ctx context.Context, r io.Reader) (*Processed, error) {
	f, body, err := s.read(r)
	if err != nil {
		return nil, err
	}
	if !f.Decodable {
		return nil, refuse(ErrUnsupported, "Validation failed: the thumbnail must be a JPEG, PNG, GIF or WebP image")
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	return s.processBounded(ctx, data, f, Attachment)
}

// enqueue schedules processing: as a durable job with a Queue, or else in the
// background of this process once the row is committed.
func (s *Service) enqueue(ctx context.Context, tx *store.Tx, id string, caller bool) error {
	if s.Queue != nil {
		return s.Queue.EnqueueTx(ctx, tx, id)
	}
	if caller {
		return nil
	}
	tx.AfterCommit(func(ctx context.Context) { s.background(context.WithoutCancel(ctx), id) })
	return nil
}

// background processes an upload in a goroutine that Close waits for.
func (s *Service) background(ctx context.Context, id string) {
	s.running.Add(1)
	go func() {
		defer s.running.Done()
		if err := s.Process(ctx, id); err != nil {
			s.Logger.Error("process media", "id", id, "err", err)
		}
	}()
}

// read sniffs the upload and returns its format and its bytes, checked against the
// limit for its type. Images are read whole (at most ImageMaxBytes) so that the pixel
// budget can be checked from the header before anything is stored; video and audio
// stream through, counted.
func (s *Service) read(r io.Reader) (Format, io.Reader, error) {
	if r == nil {
		return Format{}, nil, refuse(ErrEmpty, "Validation failed: no file was uploaded")
	}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return Format{}, nil, readError(err)
	}
	head = head[:n]
	if n == 0 {
		return Format{}, nil, refuse(ErrEmpty, "Validation failed: the file is empty")
	}
	f, err := Sniff(head)
	if err != nil {
		return Format{}, nil, err
	}
	rest := io.MultiReader(bytes.NewReader(head), r)
	if !f.Decodable {
		return f, &limitedReader{r: rest, left: s.Limits.VideoMaxBytes, limit: s.Limits.VideoMaxBytes}, nil
	}
	data, err := io.ReadAll(&limitedReader{r: rest, left: s.Limits.ImageMaxBytes, limit: s.Limits.ImageMaxBytes})
	if err != nil {
		return Format{}, nil, readError(err)
	}
	if err := checkPixels(data, f, s.Limits.MaxPixels); err != nil {
		return Format{}, nil, err
	}
	return f, bytes.NewReader(data), nil
}

// put stores body under key and returns its size; a failed or oversized upload
// leaves nothing behind.
func (s *Service) put(ctx context.Context, key string, body io.Reader, f Format) (int64, error) {
	c := &countingReader{r: body}
	if err := s.Storage.Put(ctx, key, c); err != nil {
		if e := readError(err); apperr.Is(e, apperr.BadInput) {
			return 0, e
		}
		return 0, fmt.Errorf("store upload: %w", err)
	}
	return c.n, nil
}

// readError passes a refusal on and turns a broken upload stream into bad input.
func readError(err error) error {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae
	}
	var tl *tooLargeError
	if errors.As(err, &tl) {
		return tooLarge(tl.limit)
	}
	var mb *http.MaxBytesError // the server's own request-body limit
	if errors.As(err, &mb) {
		return tooLarge(mb.Limit)
	}
	return err
}

func (s *Service) checkDescription(d string) error {
	if n := text.Length(d); n > s.Limits.DescriptionMaxChars {
		return apperr.BadInputf("Validation failed: the description is %d characters, longer than the %d allowed", n, s.Limits.DescriptionMaxChars)
	}
	return nil
}

func checkFocus(f *Focus) error {
	if f == nil {
		return nil
	}
	if math.IsNaN(f.X) || math.IsNaN(f.Y) || f.X < -1 || f.X > 1 || f.Y < -1 || f.Y > 1 {
		return apperr.BadInputf("Validation failed: focus must be two numbers between -1.0 and 1.0")
	}
	return nil
}

// limitedReader fails, rather than stops, when a stream exceeds its limit: a
// truncated file must not be stored as if it were whole.
type limitedReader struct {
	r           io.Reader
	left, limit int64
}

type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string { return fmt.Sprintf("larger than %d bytes", e.limit) }

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, &tooLargeError{l.limit}
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return 0, &tooLargeError{l.limit}
	}
	return n, err
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
