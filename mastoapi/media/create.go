package media

import (
	"mime/multipart"
	"net/http"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/mastoapi/access"
	"github.com/fedigraph/fedigraph/mastoapi/params"
	"github.com/fedigraph/fedigraph/mastoapi/respond"
)

// create serves POST /api/v1/media (wait: process before answering, 200) and POST
// /api/v2/media (answer at once: 202 while processing runs as a job, which the client
// polls GET /api/v1/media/:id for). The file's name and Content-Type are ignored:
// the type is sniffed from its bytes. A thumbnail image becomes the preview of a
// video or audio file.
func (h *Handlers) create(wait bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		svc, err := h.service()
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		v, err := params.Read(r)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		file, err := formFile(r, "file")
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		defer file.Close()
		fc, err := focus(v)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		in := media.NewUpload{
			AccountID: access.AccountID(r.Context()), File: file,
			Description: v.Get("description"), Focus: fc, Wait: wait,
		}
		if r.MultipartForm != nil && len(r.MultipartForm.File["thumbnail"]) > 0 {
			thumb, err := formFile(r, "thumbnail")
			if err != nil {
				respond.Error(w, r, err)
				return
			}
			defer thumb.Close()
			in.Thumbnail = thumb
		}
		m, err := svc.Upload(r.Context(), in)
		if err == nil && wait {
			m, err = svc.Wait(r.Context(), m.ID)
		}
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		status := http.StatusOK
		if m.Processing == mediaattachment.ProcessingPENDING {
			status = http.StatusAccepted
		}
		h.render(w, status, m)
	}
}

// formFile opens the multipart file part called name.
func formFile(r *http.Request, name string) (multipart.File, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[name]) == 0 {
		return nil, apperr.BadInputf("Validation failed: %s must be sent as a file in a multipart/form-data body", name)
	}
	return r.MultipartForm.File[name][0].Open()
}
