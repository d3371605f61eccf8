package media

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// WebP container flags in the VP8X chunk.
const (
	vp8xAnimation = 0x02
	vp8xXMP       = 0x04
	vp8xEXIF      = 0x08
)

// stripWebP rebuilds a WebP file without its EXIF and XMP chunks (and without anything
// after the RIFF payload). The image bitstream itself is copied untouched: there is no
// well-kept pure-Go WebP encoder, and WebP keeps no metadata inside the bitstream, so
// dropping the chunks removes every bit of it without re-encoding. It also reports
// whether the file is animated.
func stripWebP(b []byte) (out []byte, animated bool, err error) {
	bad := errors.New("malformed WebP container")
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return nil, false, bad
	}
	end := 8 + int64(binary.LittleEndian.Uint32(b[4:8]))
	if end > int64(len(b)) {
		return nil, false, bad
	}
	var buf bytes.Buffer
	buf.Grow(int(end))
	buf.WriteString("RIFF\x00\x00\x00\x00WEBP")
	for pos := int64(12); pos < end; {
		if pos+8 > end {
			return nil, false, bad
		}
		fourCC := string(b[pos : pos+4])
		size := int64(binary.LittleEndian.Uint32(b[pos+4 : pos+8]))
		next := pos + 8 + size + size&1 // chunks are padded to an even length
		if pos+8+size > end {
			return nil, false, bad
		}
		if next > end {
			next = end
		}
		switch fourCC {
		case "EXIF", "XMP ":
			// dropped
		case "VP8X":
			chunk := append([]byte(nil), b[pos:next]...)
			if size < 1 {
				return nil, false, bad
			}
			animated = chunk[8]&vp8xAnimation != 0
			chunk[8] &^= vp8xEXIF | vp8xXMP
			buf.Write(chunk)
		default:
			buf.Write(b[pos:next])
		}
		pos = next
	}
	out = buf.Bytes()
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, animated, nil
}
