package media

import (
	"io"

	mp4 "github.com/abema/go-mp4"

	"github.com/fedigraph/fedigraph/ent/schema"
)

// probeMP4 reads the duration and, for video, the frame size of an MP4, MOV or M4A
// file from its headers (moov/mvhd and the tracks' tkhd) without decoding anything.
// Other containers (WebM, Ogg, MP3, FLAC, WAV) and files whose headers cannot be
// read get no metadata: reading those needs ffmpeg, which fedigraph does not use.
func probeMP4(r io.ReadSeeker) (schema.MediaMeta, bool) {
	boxes, err := mp4.ExtractBoxesWithPayload(r, nil, []mp4.BoxPath{
		{mp4.BoxTypeMoov(), mp4.BoxTypeMvhd()},
		{mp4.BoxTypeMoov(), mp4.BoxTypeTrak(), mp4.BoxTypeTkhd()},
	})
	if err != nil {
		return schema.MediaMeta{}, false
	}
	var meta schema.MediaMeta
	for _, b := range boxes {
		switch p := b.Payload.(type) {
		case *mp4.Mvhd:
			if p.Timescale > 0 {
				meta.Duration = float64(p.GetDuration()) / float64(p.Timescale)
			}
		case *mp4.Tkhd:
			// Audio tracks have no frame size; the first track with one is the video.
			if w, h := int(p.GetWidthInt()), int(p.GetHeightInt()); w > 0 && h > 0 && meta.Width == 0 {
				meta.Width, meta.Height = w, h
				meta.Aspect = float64(w) / float64(h)
			}
		}
	}
	return meta, meta.Duration > 0 || meta.Width > 0
}
