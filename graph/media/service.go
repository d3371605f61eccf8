// Package media takes uploads — status attachments, avatars, headers — and makes them
// safe to keep and serve: the type is sniffed from the bytes, images are decoded under
// a pixel budget (the decompression-bomb guard), turned upright, re-encoded without
// EXIF/GPS or other metadata, resized for their purpose, and given a preview and a
// blurhash. Files live behind the Storage interface (the local filesystem by default)
// and are served by Handler with ETags and range requests. Processing an attachment
// is an idempotent Process(ctx, id) that runs as a durable job with bounded
// concurrency; Prune removes expired remote copies and orphaned files.
package media

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/store"
)

// Limits bound what uploads may be and cost.
type Limits struct {
	// ImageMaxBytes is the largest image upload (media-image-max-size).
	ImageMaxBytes int64
	// VideoMaxBytes is the largest video or audio upload (media-video-max-size).
	VideoMaxBytes int64
	// MaxPixels caps an image's width × height (the frames of an animated GIF may
	// add up to a few times that).
	MaxPixels int64
	// DescriptionMaxChars caps alt text (media-description-max-chars).
	DescriptionMaxChars int
	// PreviewSize is the longest side of an attachment's preview.
	PreviewSize int
	// Concurrency bounds how many images this process decodes at once: decoding a
	// large image takes tens of megabytes, so a burst of uploads waits its turn
	// rather than exhausting memory.
	Concurrency int
}

// Defaults for Limits left zero.
const (
	DefaultImageMaxBytes = 40 << 20
	DefaultVideoMaxBytes = 40 << 20
	// DefaultMaxPixels is Mastodon's limit: 7680×4320.
	DefaultMaxPixels           = 7680 * 4320
	DefaultDescriptionMaxChars = 1500
	DefaultPreviewSize         = 512
)

// Queue schedules Process for an attachment. The job must survive a crash; it is
// inserted in the same transaction as the attachment's row.
type Queue interface {
	EnqueueTx(ctx context.Context, tx *store.Tx, attachmentID string) error
}

// Service stores and processes media.
type Service struct {
	DB      *store.DB
	Storage Storage
	Limits  Limits
	// Queue runs processing as a durable job. Nil processes in a goroutine of this
	// process once the upload commits (bounded by Limits.Concurrency); pending rows
	// left by a crash are picked up again by Resume.
	Queue Queue
	// Remote fetches remote media for the cache: the federation HTTP client, with
	// its SSRF guard and timeouts. Nil turns remote caching off (remote files are
	// linked where their servers keep them).
	Remote *http.Client
	Now    func() time.Time
	Logger *slog.Logger

	sem     chan struct{}
	running sync.WaitGroup
	flight  singleflight.Group
}

// Close waits for processing running in the background of this process.
func (s *Service) Close() { s.running.Wait() }

// New fills in defaults and returns the service ready to use.
func New(db *store.DB, storage Storage, lim Limits) *Service {
	s := &Service{DB: db, Storage: storage, Limits: lim}
	s.init()
	return s
}

func (s *Service) init() {
	l := &s.Limits
	if l.ImageMaxBytes <= 0 {
		l.ImageMaxBytes = DefaultImageMaxBytes
	}
	if l.VideoMaxBytes <= 0 {
		l.VideoMaxBytes = DefaultVideoMaxBytes
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultMaxPixels
	}
	if l.DescriptionMaxChars <= 0 {
		l.DescriptionMaxChars = DefaultDescriptionMaxChars
	}
	if l.PreviewSize <= 0 {
		l.PreviewSize = DefaultPreviewSize
	}
	if l.Concurrency <= 0 {
		l.Concurrency = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if s.sem == nil {
		s.sem = make(chan struct{}, l.Concurrency)
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
}

// acquire waits for a processing slot.
func (s *Service) acquire(ctx context.Context) (release func(), err error) {
	select {
	case s.sem <- struct{}{}:
		return func() { <-s.sem }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("wait to process media: %w", ctx.Err())
	}
}

// processBounded decodes and processes an image within the concurrency bound. Only
// the decoding holds a slot: downloads and storage writes do not, so a slow remote
// server cannot starve uploads.
func (s *Service) processBounded(ctx context.Context, data []byte, f Format, p Purpose) (*Processed, error) {
	release, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	return ProcessImage(data, f, p, s.imageLimits())
}

func (s *Service) imageLimits() ImageLimits {
	return ImageLimits{MaxPixels: s.Limits.MaxPixels, PreviewSize: s.Limits.PreviewSize}
}

// Storage keys. Every file of an attachment is named by the attachment's ID, so a
// stored file can be matched to its row (Prune does). Raw uploads wait under
// pendingPrefix, which the file server never serves: they still hold the metadata
// that processing strips.
const pendingPrefix = "pending/"

// Sizes of a stored image.
const (
	SizeOriginal = "original"
	SizeSmall    = "small"
)

func pendingKey(id string) string { return pendingPrefix + id }

// fileKey names a processed file: {account}/{attachment|avatar|header}/{size}/{id}{ext}.
func fileKey(m *ent.MediaAttachment, p Purpose, size, ext string) string {
	return m.AccountID + "/" + p.String() + "/" + size + "/" + m.ID + ext
}

// String is the purpose as it appears in storage keys and URLs.
func (p Purpose) String() string {
	switch p {
	case Avatar:
		return "avatar"
	case Header:
		return "header"
	case Emoji:
		return "emoji"
	}
	return "attachment"
}
