package media

import (
	"encoding/binary"
	"errors"
)

// gifFrames walks a GIF's blocks without decompressing any pixels and returns how many
// frames it has and their total area. A few kilobytes of LZW can describe a huge
// frame, and thousands of frames fit in a small file: this is what keeps
// gif.DecodeAll from being asked to allocate gigabytes (the decompression-bomb guard
// for animations; image.DecodeConfig only reports the first frame).
func gifFrames(b []byte) (frames int, area int64, err error) {
	bad := errors.New("malformed GIF structure")
	if len(b) < 13 {
		return 0, 0, bad
	}
	pos := 13
	if b[10]&0x80 != 0 { // global colour table
		pos += 3 << (int(b[10]&7) + 1)
	}
	for {
		if pos >= len(b) {
			return 0, 0, bad
		}
		switch b[pos] {
		case 0x3b: // trailer
			return frames, area, nil
		case 0x21: // extension: label, then sub-blocks
			pos += 2
			if pos, err = skipSubBlocks(b, pos); err != nil {
				return 0, 0, err
			}
		case 0x2c: // image descriptor
			if pos+10 > len(b) {
				return 0, 0, bad
			}
			w := int64(binary.LittleEndian.Uint16(b[pos+5:]))
			h := int64(binary.LittleEndian.Uint16(b[pos+7:]))
			flags := b[pos+9]
			pos += 10
			if flags&0x80 != 0 { // local colour table
				pos += 3 << (int(flags&7) + 1)
			}
			pos++ // LZW minimum code size
			if pos, err = skipSubBlocks(b, pos); err != nil {
				return 0, 0, err
			}
			frames++
			area += w * h
		default:
			return 0, 0, bad
		}
	}
}

// skipSubBlocks steps over a chain of length-prefixed sub-blocks ending in a zero.
func skipSubBlocks(b []byte, pos int) (int, error) {
	for {
		if pos >= len(b) {
			return 0, errors.New("truncated GIF")
		}
		n := int(b[pos])
		pos++
		if n == 0 {
			return pos, nil
		}
		pos += n
	}
}
