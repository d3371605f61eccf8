package media_test

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// photos are 12-megapixel camera-sized JPEGs by EXIF orientation, made once per
// test binary.
var photos = map[uint16]func() []byte{
	1: sync.OnceValue(func() []byte { return mediatest.Photo(4000, 3000, 1) }),
	6: sync.OnceValue(func() []byte { return mediatest.Photo(4000, 3000, 6) }),
}

func photo4000x3000(b *testing.B, orientation uint16) []byte {
	data := photos[orientation]()
	b.SetBytes(int64(len(data)))
	return data
}

// peakHeap samples the live heap while a benchmark runs, to report the most it held
// above what was live before (runtime.MemStats has no high-water mark of its own).
type peakHeap struct {
	base, peak atomic.Uint64
	stop       chan struct{}
	done       sync.WaitGroup
}

func watchHeap() *peakHeap {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p := &peakHeap{stop: make(chan struct{})}
	p.base.Store(ms.HeapAlloc)
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > p.peak.Load() {
					p.peak.Store(ms.HeapAlloc)
				}
			}
		}
	}()
	return p
}

// report stops sampling and reports the peak, in MB above the starting heap.
func (p *peakHeap) report(b *testing.B) {
	close(p.stop)
	p.done.Wait()
	peak := p.peak.Load()
	if peak < p.base.Load() {
		peak = p.base.Load()
	}
	b.ReportMetric(float64(peak-p.base.Load())/(1<<20), "peak-heap-MB")
}

// BenchmarkProcess4000x3000 processes one 12-megapixel JPEG: a full decode, the
// metadata stripped, a 512-pixel preview and a blurhash. "upright" keeps the
// compressed data as it is (orientation 1, the common case); "rotated" (orientation
// 6, a phone held upright) must also turn the pixels and re-encode them.
func BenchmarkProcess4000x3000(b *testing.B) {
	for _, tc := range []struct {
		name        string
		orientation uint16
	}{{"upright", 1}, {"rotated", 6}} {
		b.Run(tc.name, func(b *testing.B) {
			data := photo4000x3000(b, tc.orientation)
			f, err := media.Sniff(data)
			if err != nil {
				b.Fatal(err)
			}
			lim := media.ImageLimits{MaxPixels: media.DefaultMaxPixels, PreviewSize: media.DefaultPreviewSize}
			heap := watchHeap()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := media.ProcessImage(data, f, media.Attachment, lim); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			heap.report(b)
		})
	}
}

// BenchmarkUpload20Concurrent sends 20 uploads of the 12-megapixel JPEG at once
// through the whole service (store the raw upload, insert the row, process within
// the concurrency bound, store original and preview, update the row) on SQLite and
// a local directory, and reports uploads per second and the peak heap: the bound
// (2 workers, the server's default) is what keeps the burst's memory flat.
func BenchmarkUpload20Concurrent(b *testing.B) {
	const burst = 20
	data := photo4000x3000(b, 1)
	db := testrig.NewDB(b, store.SQLite)
	svc := media.New(db, media.LocalStorage{Root: b.TempDir()}, media.Limits{Concurrency: 2})
	alice := testrig.LocalAccount(b, db, "alice")
	ctx := context.Background()
	heap := watchHeap()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		errs := make(chan error, burst)
		for j := 0; j < burst; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				m, err := svc.Upload(ctx, media.NewUpload{AccountID: alice.ID, File: bytes.NewReader(data), Wait: true})
				if err == nil {
					_, err = svc.Wait(ctx, m.ID)
				}
				if err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(burst*b.N)/time.Since(start).Seconds(), "uploads/s")
	heap.report(b)
}
