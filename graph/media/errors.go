package media

import (
	"errors"
	"fmt"

	"github.com/dustin/go-humanize"

	"github.com/fedigraph/fedigraph/graph/apperr"
)

// Reasons an upload is refused. They reach the user wrapped in an apperr.Error
// (BAD_USER_INPUT, HTTP 422) with a message saying what was wrong; tests and callers
// tell them apart with errors.Is.
var (
	ErrUnsupported  = errors.New("unsupported file type")
	ErrTooLarge     = errors.New("file too large")
	ErrTooManyPixel = errors.New("image has too many pixels")
	ErrCorrupt      = errors.New("file could not be read")
	ErrEmpty        = errors.New("empty file")
)

func refuse(cause error, format string, args ...any) error {
	return &apperr.Error{Code: apperr.BadInput, Message: fmt.Sprintf(format, args...), Err: cause}
}

func unsupported(detected string) error {
	return refuse(ErrUnsupported,
		"Validation failed: the file is %s, which is not an accepted type (JPEG, PNG, GIF, WebP images; MP4, MOV, WebM, Ogg videos; MP3, Ogg, FLAC, WAV, M4A, AAC audio)",
		detected)
}

func tooLarge(limit int64) error {
	return refuse(ErrTooLarge, "Validation failed: the file is larger than %s", humanize.IBytes(uint64(limit)))
}

func tooManyPixels(w, h int, limit int64) error {
	return refuse(ErrTooManyPixel, "Validation failed: the image is %dx%d, more than the %d pixels allowed", w, h, limit)
}

func corrupt(what string, err error) error {
	return &apperr.Error{Code: apperr.BadInput, Message: "Validation failed: the " + what + " could not be read", Err: errors.Join(ErrCorrupt, err)}
}

var errNoPixels = errors.New("the image has no pixels")
