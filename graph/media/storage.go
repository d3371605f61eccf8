package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Storage keeps media files under keys such as
// "01HX…/attachment/original/01HY….jpg". The local filesystem implements it; an
// S3-compatible object store can too (keys map to object names, Put to PutObject,
// Open to GetObject with a range-capable reader, Walk to ListObjectsV2).
type Storage interface {
	// Put stores the bytes under key, replacing what was there. A reader of the key
	// sees the old file or the new one, never a partial one.
	Put(ctx context.Context, key string, r io.Reader) error
	// Open returns the file for reading; errors.Is(err, fs.ErrNotExist) when absent.
	Open(ctx context.Context, key string) (File, error)
	// Delete removes the key; removing an absent key is not an error.
	Delete(ctx context.Context, key string) error
	// Walk calls fn for every stored key, with its last modification time.
	Walk(ctx context.Context, fn func(key string, modified time.Time) error) error
}

// File is an open stored file: it can be read from anywhere in it (for HTTP range
// requests) and knows its size and modification time.
type File interface {
	io.ReadSeekCloser
	Size() int64
	ModTime() time.Time
}

// LocalStorage keeps files in a directory (storage-local-base-path).
type LocalStorage struct{ Root string }

// ErrBadKey marks a key that could escape the storage root.
var ErrBadKey = errors.New("invalid storage key")

// path maps a key to a file under the root, refusing keys that could name a file
// outside it: keys come from the database, but the file server also derives them
// from URL paths.
func (s LocalStorage) path(key string) (string, error) {
	if key == "" || !fs.ValidPath(key) || strings.Contains(key, "\\") {
		return "", fmt.Errorf("%w: %q", ErrBadKey, key)
	}
	return filepath.Join(s.Root, filepath.FromSlash(key)), nil
}

// Put writes to a temporary file in the same directory and renames it into place.
func (s LocalStorage) Put(ctx context.Context, key string, r io.Reader) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := io.Copy(tmp, readerWithContext{ctx, r}); err != nil {
		tmp.Close()
		return fmt.Errorf("store %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	if err := os.Chmod(tmp.Name(), 0o640); err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	return nil
}

// Open opens the file.
func (s LocalStorage) Open(_ context.Context, key string) (File, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, fs.ErrNotExist
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, fs.ErrNotExist
	}
	return localFile{f, st}, nil
}

// Delete removes the file and then any directories the removal left empty.
func (s LocalStorage) Delete(_ context.Context, key string) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	root := filepath.Clean(s.Root)
	for dir := filepath.Dir(p); dir != root && strings.HasPrefix(dir, root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil { // not empty, or gone: stop
			break
		}
	}
	return nil
}

// Walk lists the stored files; temporary files of writes in progress are skipped.
func (s LocalStorage) Walk(ctx context.Context, fn func(key string, modified time.Time) error) error {
	err := filepath.WalkDir(s.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == s.Root {
				return fs.SkipAll // nothing stored yet
			}
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".upload-") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed while walking
		}
		rel, err := filepath.Rel(s.Root, p)
		if err != nil {
			return err
		}
		return fn(filepath.ToSlash(rel), info.ModTime())
	})
	return err
}

type localFile struct {
	*os.File
	st fs.FileInfo
}

func (f localFile) Size() int64        { return f.st.Size() }
func (f localFile) ModTime() time.Time { return f.st.ModTime() }

// readerWithContext stops a long copy when the request or job is cancelled.
type readerWithContext struct {
	ctx context.Context
	r   io.Reader
}

func (r readerWithContext) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}
