package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"

	"github.com/disintegration/imaging"
)

var errJPEGStructure = errors.New("malformed JPEG structure")

// stripJPEG rebuilds a JPEG keeping only what decoding needs — frame and scan
// headers, quantisation and Huffman tables, restart intervals, the entropy-coded
// data — plus the ICC colour profile (APP2) and Adobe's colour-transform flag
// (APP14). Everything else goes: EXIF and XMP (APP1, GPS included), IPTC (APP13),
// JFIF thumbnails, maker notes in other APP segments, comments, and any bytes after
// the end-of-image marker (where some phones append a video or other data). The
// pixels are untouched, so there is no quality loss and no re-encoding cost.
func stripJPEG(b []byte) ([]byte, error) {
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
		return nil, errJPEGStructure
	}
	out := make([]byte, 0, len(b))
	out = append(out, 0xff, 0xd8)
	pos := 2
	for pos+1 < len(b) {
		if b[pos] != 0xff {
			return nil, errJPEGStructure
		}
		if b[pos+1] == 0xff { // fill byte
			pos++
			continue
		}
		m := b[pos+1]
		switch {
		case m == 0xd9: // end of image: nothing after it is kept
			return append(out, 0xff, 0xd9), nil
		case m == 0x01 || (m >= 0xd0 && m <= 0xd7): // standalone markers
			out = append(out, 0xff, m)
			pos += 2
			continue
		}
		if pos+4 > len(b) {
			return nil, errJPEGStructure
		}
		end := pos + 2 + int(binary.BigEndian.Uint16(b[pos+2:]))
		if end > len(b) || end < pos+4 {
			return nil, errJPEGStructure
		}
		seg := b[pos:end]
		if keepSegment(m, seg[4:]) {
			out = append(out, seg...)
		}
		pos = end
		if m == 0xda { // start of scan: copy the entropy-coded data up to the next marker
			next := scanEnd(b, pos)
			out = append(out, b[pos:next]...)
			pos = next
		}
	}
	return nil, errJPEGStructure // no end-of-image marker
}

// keepSegment decides which marker segments survive.
func keepSegment(m byte, payload []byte) bool {
	switch {
	case m >= 0xc0 && m <= 0xcf && m != 0xc8: // frame headers, Huffman and arithmetic tables
		return true
	case m == 0xda, m == 0xdb, m == 0xdd, m == 0xdc: // scan header, quantisation, restart interval, lines
		return true
	case m == 0xe2:
		return bytes.HasPrefix(payload, []byte("ICC_PROFILE\x00"))
	case m == 0xee:
		return bytes.HasPrefix(payload, []byte("Adobe"))
	}
	return false
}

// scanEnd finds the marker that ends entropy-coded data starting at pos: a 0xff not
// followed by a stuffed zero or a restart marker.
func scanEnd(b []byte, pos int) int {
	for i := pos; i+1 < len(b); i++ {
		if b[i] != 0xff {
			continue
		}
		n := b[i+1]
		if n == 0x00 || (n >= 0xd0 && n <= 0xd7) || n == 0xff {
			continue
		}
		return i
	}
	return len(b)
}

// jpegOrientation reads the EXIF orientation tag (1–8; 1 when absent or unreadable).
func jpegOrientation(b []byte) int {
	for pos := 2; pos+4 <= len(b) && b[pos] == 0xff; {
		m := b[pos+1]
		if m == 0xda || m == 0xd9 {
			break
		}
		end := pos + 2 + int(binary.BigEndian.Uint16(b[pos+2:]))
		if end > len(b) {
			break
		}
		if m == 0xe1 && bytes.HasPrefix(b[pos+4:end], []byte("Exif\x00\x00")) {
			return tiffOrientation(b[pos+10 : end])
		}
		pos = end
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in the first IFD of a TIFF structure.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int(order.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	n := int(order.Uint16(t[ifd:]))
	for i := 0; i < n; i++ {
		e := ifd + 2 + 12*i
		if e+12 > len(t) {
			return 1
		}
		if order.Uint16(t[e:]) == 0x0112 {
			if v := int(order.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient turns decoded pixels upright by an EXIF orientation.
func orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}
