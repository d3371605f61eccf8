package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/customemoji"
)

// RemoteEmojiPath is where remote custom emoji are served from this instance's cache:
// RemoteEmojiPath/{emoji id}/{original|static}.
const RemoteEmojiPath = RemotePath + "emoji/"

// uncacheable marks (in image_size) a remote emoji whose image could not be cached,
// so that it is linked at its server rather than fetched again at every view.
const uncacheable = -1

// EmojiURLs are the URLs of an emoji's image and still image: stored here; for a
// remote emoji not yet cached, this instance's cache URL when remote caching is on
// (cacheRemote), else its server's.
func EmojiURLs(base string, e *ent.CustomEmoji, cacheRemote bool) (url, static string) {
	if e.ImagePath == "" && e.ImageRemoteURL != "" {
		if cacheRemote && e.ImageSize != uncacheable {
			return base + RemoteEmojiPath + e.ID + "/" + SizeOriginal, base + RemoteEmojiPath + e.ID + "/static"
		}
		return e.ImageRemoteURL, e.ImageRemoteURL
	}
	url = URL(base, e.ImagePath)
	return url, firstOf(URL(base, e.StaticPath), url)
}

// CacheRemoteEmoji fetches a remote custom emoji's image and stores it like a local
// one (fitted within EmojiSize, metadata stripped, with a still version).
func (s *Service) CacheRemoteEmoji(ctx context.Context, id string) error {
	if s.Remote == nil {
		return errors.New("remote media caching is off")
	}
	_, err, _ := s.flight.Do("emoji:"+id, func() (any, error) { return nil, s.cacheRemoteEmoji(ctx, id) })
	return err
}

func (s *Service) cacheRemoteEmoji(ctx context.Context, id string) error {
	e, err := s.DB.CustomEmoji.Query().Where(customemoji.ID(id), customemoji.DomainNEQ("")).Only(ctx)
	if err != nil {
		return fmt.Errorf("load remote emoji: %w", err)
	}
	if e.ImagePath != "" || e.ImageRemoteURL == "" || e.ImageSize == uncacheable {
		return nil
	}
	orig, static, img, err := s.fetchEmoji(ctx, e)
	if err != nil {
		s.Logger.Info("remote emoji not cached", "id", id, "url", e.ImageRemoteURL, "reason", err)
		return errors.Join(err, e.Update().SetImageSize(uncacheable).Exec(ctx))
	}
	err = e.Update().SetImagePath(orig).SetStaticPath(static).
		SetContentType(img.Original.MIME).SetImageSize(int64(len(img.Original.Data))).Exec(ctx)
	if err != nil {
		s.deleteKeys(ctx, orig, static)
		return fmt.Errorf("save cached emoji: %w", err)
	}
	return nil
}

func (s *Service) fetchEmoji(ctx context.Context, e *ent.CustomEmoji) (orig, static string, img *Processed, err error) {
	ctx, cancel := context.WithTimeout(ctx, remoteFetchTime)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.ImageRemoteURL, nil)
	if err != nil {
		return "", "", nil, err
	}
	res, err := s.Remote.Do(req)
	if err != nil {
		return "", "", nil, err
	}
	defer res.Body.Close()
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return "", "", nil, fmt.Errorf("fetch %s: %s", e.ImageRemoteURL, res.Status)
	}
	f, body, err := s.read(res.Body)
	if err != nil {
		return "", "", nil, err
	}
	if !f.Decodable {
		return "", "", nil, refuse(ErrUnsupported, "an emoji must be an image")
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return "", "", nil, err
	}
	if img, err = s.processBounded(ctx, data, f, Emoji); err != nil {
		return "", "", nil, err
	}
	orig, static = "emoji/original/"+e.ID+img.Original.Ext, "emoji/static/"+e.ID+img.Preview.Ext
	if err := s.Storage.Put(ctx, orig, bytes.NewReader(img.Original.Data)); err != nil {
		return "", "", nil, err
	}
	if err := s.Storage.Put(ctx, static, bytes.NewReader(img.Preview.Data)); err != nil {
		s.deleteKeys(ctx, orig)
		return "", "", nil, err
	}
	return orig, static, img, nil
}

// serveRemoteEmoji serves RemoteEmojiPath/{id}/{original|static}, caching the image
// on first view; an emoji that cannot be cached is a redirect to its server's image.
func (s *Service) serveRemoteEmoji(files http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, size := chi.URLParam(r, "id"), chi.URLParam(r, "size")
		e, err := s.DB.CustomEmoji.Query().Where(customemoji.ID(id), customemoji.DomainNEQ("")).Only(ctx)
		if err != nil || (size != SizeOriginal && size != "static") || e.ImageRemoteURL == "" {
			http.NotFound(w, r)
			return
		}
		for attempt := 0; attempt < 2; attempt++ {
			if e.ImagePath == "" && s.Remote != nil && s.CacheRemoteEmoji(ctx, id) == nil {
				e, _ = s.DB.CustomEmoji.Get(ctx, id)
			}
			key := e.ImagePath
			if size == "static" && e.StaticPath != "" {
				key = e.StaticPath
			}
			if key == "" {
				break
			}
			f, err := s.Storage.Open(ctx, key)
			if err == nil {
				f.Close()
				r.URL.Path = Path + key
				files.ServeHTTP(w, r)
				return
			}
			if !errors.Is(err, fs.ErrNotExist) {
				http.Error(w, "the file could not be read", http.StatusInternalServerError)
				return
			}
			// The cached copy is gone: fetch it again.
			if e, err = e.Update().SetImagePath("").SetStaticPath("").Save(ctx); err != nil {
				http.Error(w, "the file could not be read", http.StatusInternalServerError)
				return
			}
		}
		http.Redirect(w, r, e.ImageRemoteURL, http.StatusFound)
	}
}
