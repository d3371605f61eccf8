package media

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
)

var errGIFStructure = errors.New("malformed GIF structure")

// gifFrames walks a GIF's blocks without decompressing any pixels and returns how many
// frames it has and their total area. A few kilobytes of LZW can describe a huge
// frame, and thousands of frames fit in a small file: this is what keeps
// gif.DecodeAll from being asked to allocate gigabytes (the decompression-bomb guard
// for animations; image.DecodeConfig only reports the first frame).
func gifFrames(r io.Reader) (frames int, area int64, err error) {
	br := bufio.NewReader(r)
	header := make([]byte, 13)
	if _, err := io.ReadFull(br, header); err != nil {
		return 0, 0, errGIFStructure
	}
	if header[10]&0x80 != 0 { // global colour table
		if err := skip(br, 3<<(int(header[10]&7)+1)); err != nil {
			return 0, 0, err
		}
	}
	desc := make([]byte, 9)
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, 0, errGIFStructure
		}
		switch b {
		case 0x3b: // trailer
			return frames, area, nil
		case 0x21: // extension: label, then sub-blocks
			if _, err := br.ReadByte(); err != nil {
				return 0, 0, errGIFStructure
			}
			if err := skipSubBlocks(br); err != nil {
				return 0, 0, err
			}
		case 0x2c: // image descriptor
			if _, err := io.ReadFull(br, desc); err != nil {
				return 0, 0, errGIFStructure
			}
			w := int64(binary.LittleEndian.Uint16(desc[4:]))
			h := int64(binary.LittleEndian.Uint16(desc[6:]))
			if flags := desc[8]; flags&0x80 != 0 { // local colour table
				if err := skip(br, 3<<(int(flags&7)+1)); err != nil {
					return 0, 0, err
				}
			}
			if _, err := br.ReadByte(); err != nil { // LZW minimum code size
				return 0, 0, errGIFStructure
			}
			if err := skipSubBlocks(br); err != nil {
				return 0, 0, err
			}
			frames++
			area += w * h
		default:
			return 0, 0, errGIFStructure
		}
	}
}

// skipSubBlocks steps over a chain of length-prefixed sub-blocks ending in a zero.
func skipSubBlocks(br *bufio.Reader) error {
	for {
		n, err := br.ReadByte()
		if err != nil {
			return errGIFStructure
		}
		if n == 0 {
			return nil
		}
		if err := skip(br, int(n)); err != nil {
			return err
		}
	}
}

func skip(br *bufio.Reader, n int) error {
	if d, _ := br.Discard(n); d != n {
		return errGIFStructure
	}
	return nil
}
