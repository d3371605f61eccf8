package media

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// Path is where the instance serves stored files: a file's URL is the instance's base
// URL, Path, and its storage key.
const Path = "/media/"

// URL is the public URL of a stored file, or "" for none.
func URL(base, key string) string {
	if key == "" {
		return ""
	}
	return base + Path + key
}

// contentTypes are the types files are served with, by the extension fedigraph gave
// them from the sniffed type. A key with any other extension is not a media file.
var contentTypes = map[string]string{
	".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
	".mp4": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm", ".ogv": "video/ogg",
	".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".flac": "audio/flac", ".wav": "audio/wav",
	".m4a": "audio/mp4", ".aac": "audio/aac",
}

// downloadTime bounds how long one file may take to send: long enough for a large
// video over a slow connection, unlike the 30 seconds an API request gets.
const downloadTime = 10 * time.Minute

// Handler serves stored files under Path: with the Content-Type of their sniffed
// type, an ETag, a year's Cache-Control (a key's content never changes: a new upload
// gets a new key), and range requests, which video players depend on. Raw uploads
// awaiting processing are never served.
func Handler(storage Storage) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		key := strings.TrimPrefix(r.URL.Path, Path)
		ctype, ok := contentTypes[path.Ext(key)]
		if !ok || strings.HasPrefix(key, pendingPrefix) || !fs.ValidPath(key) {
			http.NotFound(w, r)
			return
		}
		f, err := storage.Open(r.Context(), key)
		if errors.Is(err, fs.ErrNotExist) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			http.Error(w, "the file could not be read", http.StatusInternalServerError)
			return
		}
		defer f.Close()
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(downloadTime))
		h := w.Header()
		h.Set("Content-Type", ctype)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("ETag", etag(key, f))
		// A file is only ever shown as what it is, never run as a page.
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
		http.ServeContent(w, r, "", f.ModTime(), f)
	})
}

// etag names one version of a file; keys are immutable, but a file re-processed
// after a crash is rewritten, and its ETag changes with it.
func etag(key string, f File) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%d|%d", key, f.Size(), f.ModTime().UnixNano())))
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
