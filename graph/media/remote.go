package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/apperr"
)

// RemotePath is where remote files are served from this instance's cache:
// RemotePath/{attachment id}/{original|small}. The first request fetches the file from
// its server (through Service.Remote, the federation client with its SSRF guard),
// processes it like an upload and stores it; later ones are served from storage.
const RemotePath = Path + "remote/"

// RemoteURL is the local URL of a remote attachment's file or preview.
func RemoteURL(base, id, size string) string { return base + RemotePath + id + "/" + size }

// FileURLs are the URLs clients load an attachment's file and preview from: stored
// here; for a remote file not yet cached, this instance's cache URL when remote caching
// is on (cacheRemote), else where its own server keeps it. Either is "" for none.
func FileURLs(base string, m *ent.MediaAttachment, cacheRemote bool) (url, preview string) {
	if m.RemoteURL == "" || m.FilePath != "" {
		return URL(base, m.FilePath), URL(base, m.PreviewPath)
	}
	if cacheRemote && m.Processing != mediaattachment.ProcessingFAILED {
		url = RemoteURL(base, m.ID, SizeOriginal)
		if m.Type == mediaattachment.TypeIMAGE {
			return url, RemoteURL(base, m.ID, SizeSmall)
		}
		return url, m.PreviewRemoteURL
	}
	if m.Type == mediaattachment.TypeIMAGE {
		return m.RemoteURL, firstOf(m.PreviewRemoteURL, m.RemoteURL)
	}
	return m.RemoteURL, m.PreviewRemoteURL
}

// remoteFetchTime bounds one fetch of a remote file.
const remoteFetchTime = 60 * time.Second

// CacheRemote fetches a remote attachment, avatar or header and stores it here,
// stripped of metadata, with a preview and its real dimensions, exactly as an upload.
// It is idempotent: a file cached already is left alone. A file its server will not
// give, or that is refused (wrong type, too large, a decompression bomb), marks the
// attachment FAILED, and clients are pointed at the remote server instead.
func (s *Service) CacheRemote(ctx context.Context, id string) error {
	if s.Remote == nil {
		return apperr.New(apperr.Internal, "remote media caching is off")
	}
	_, err, _ := s.flight.Do("remote:"+id, func() (any, error) { return nil, s.cacheRemote(ctx, id) })
	return err
}

func (s *Service) cacheRemote(ctx context.Context, id string) error {
	m, err := s.DB.MediaAttachment.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("load remote media: %w", err)
	}
	if m.RemoteURL == "" || (m.Cached && m.FilePath != "") {
		return nil
	}
	err = s.fetchRemote(ctx, m)
	if err == nil {
		return nil
	}
	s.Logger.Info("remote media not cached", "id", id, "url", m.RemoteURL, "reason", err)
	if uerr := m.Update().SetProcessing(mediaattachment.ProcessingFAILED).Exec(ctx); uerr != nil {
		return uerr
	}
	return err
}

func (s *Service) fetchRemote(ctx context.Context, m *ent.MediaAttachment) error {
	ctx, cancel := context.WithTimeout(ctx, remoteFetchTime)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.RemoteURL, nil)
	if err != nil {
		return refuse(ErrCorrupt, "the remote file's URL is invalid")
	}
	res, err := s.Remote.Do(req)
	if err != nil {
		return fmt.Errorf("fetch %s: %w", m.RemoteURL, err)
	}
	defer res.Body.Close()
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("fetch %s: %s", m.RemoteURL, res.Status)
	}
	f, body, err := s.read(res.Body)
	if err != nil {
		return err
	}
	update := m.Update().SetContentType(f.MIME).SetType(f.Type).SetCached(true).
		SetProcessing(mediaattachment.ProcessingPROCESSED)
	if !f.Decodable {
		key := fileKey(m, Attachment, SizeOriginal, f.Ext)
		size, err := s.put(ctx, key, body, f)
		if err != nil {
			return err
		}
		return update.SetFilePath(key).SetFileSize(size).Exec(ctx)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	img, err := s.processBounded(ctx, data, f, Attachment)
	if err != nil {
		return err
	}
	orig, small, err := s.store(ctx, m, Attachment, img)
	if err != nil {
		return err
	}
	update.SetFilePath(orig).SetPreviewPath(small).SetFileSize(int64(len(img.Original.Data))).SetMeta(metaOf(img))
	if m.Blurhash == "" {
		update.SetBlurhash(img.Blurhash)
	}
	if err := update.Exec(ctx); err != nil {
		s.deleteKeys(ctx, orig, small)
		return fmt.Errorf("save cached media: %w", err)
	}
	return nil
}

// RemoteHandler serves RemotePath/{id}/{size}: from the cache, fetching the file on
// first view (and again when its cached copy has gone missing); a file that cannot be
// cached is a redirect to where its own server keeps it.
func (s *Service) RemoteHandler() http.Handler {
	files := Handler(s.Storage)
	r := chi.NewRouter()
	r.Get(RemoteEmojiPath+"{id}/{size}", s.serveRemoteEmoji(files))
	r.Get(RemotePath+"{id}/{size}", func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, size := chi.URLParam(r, "id"), chi.URLParam(r, "size")
		m, err := s.DB.MediaAttachment.Query().
			Where(mediaattachment.ID(id), mediaattachment.RemoteURLNEQ("")).Only(ctx)
		if err != nil || (size != SizeOriginal && size != SizeSmall) {
			http.NotFound(w, r)
			return
		}
		for attempt := 0; attempt < 2; attempt++ {
			if !m.Cached && m.Processing != mediaattachment.ProcessingFAILED && s.Remote != nil {
				if err := s.CacheRemote(ctx, id); err == nil {
					m, _ = s.DB.MediaAttachment.Get(ctx, id)
				}
			}
			key := m.FilePath
			if size == SizeSmall && m.PreviewPath != "" {
				key = m.PreviewPath
			}
			if !m.Cached || key == "" {
				break
			}
			if f, err := s.Storage.Open(ctx, key); err == nil {
				f.Close()
				r.URL.Path = Path + key
				files.ServeHTTP(w, r)
				return
			} else if !errors.Is(err, fs.ErrNotExist) {
				http.Error(w, "the file could not be read", http.StatusInternalServerError)
				return
			}
			// The cached copy is gone (pruned, or lost): fetch it again.
			if m, err = m.Update().SetCached(false).SetFilePath("").SetPreviewPath("").
				SetProcessing(mediaattachment.ProcessingPENDING).Save(ctx); err != nil {
				http.Error(w, "the file could not be read", http.StatusInternalServerError)
				return
			}
		}
		target := m.RemoteURL
		if size == SizeSmall && m.PreviewRemoteURL != "" {
			target = m.PreviewRemoteURL
		}
		http.Redirect(w, r, target, http.StatusFound)
	})
	return r
}
