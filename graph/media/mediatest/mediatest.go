// Package mediatest makes real image files for tests, byte by byte where the standard
// library has no encoder: JPEGs carrying EXIF with GPS tags and an orientation, PNGs
// with text and eXIf chunks, animated GIFs with comments, lossless WebPs inside the
// extended container with EXIF and XMP chunks, and hostile files (a decompression
// bomb, an HTML page, a GIF whose frames add up to too many pixels).
package mediatest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
)

// Secret is a string written into every metadata block the files carry, so a test can
// check that none of it survives processing.
const Secret = "fedigraph-secret-metadata"

// GPSLatitude is the latitude written into EXIF GPS tags, as the raw rational bytes
// (52° 31' 12.34"): they must not survive processing either.
var GPSLatitude = []byte{0, 0, 0, 52, 0, 0, 0, 1, 0, 0, 0, 31, 0, 0, 0, 1, 0, 0, 0x04, 0xd2, 0, 0, 0, 100}

// Pattern is a test picture: a gradient with a red block in the top-left corner, so a
// test can tell which way up an image is.
func Pattern(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{uint8(x * 255 / max(w-1, 1)), uint8(y * 255 / max(h-1, 1)), 128, 255}
			if x < w/4 && y < h/4 {
				c = color.NRGBA{255, 0, 0, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// JPEG encodes a w×h picture. With orientation > 0 it carries an EXIF APP1 segment
// with that orientation tag, GPS latitude tags and an ImageDescription holding Secret.
func JPEG(w, h int, orientation uint16) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Pattern(w, h), &jpeg.Options{Quality: 85}); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	if orientation == 0 {
		return b
	}
	app1 := exifSegment(orientation)
	out := append([]byte{}, b[:2]...) // SOI
	out = append(out, app1...)
	out = append(out, comSegment(Secret)...)
	return append(out, b[2:]...)
}

// exifSegment builds an APP1 "Exif" segment: a little-endian TIFF structure whose
// IFD0 has Orientation, ImageDescription and a GPS IFD pointer, and whose GPS IFD has
// GPSLatitudeRef and GPSLatitude.
func exifSegment(orientation uint16) []byte {
	le := binary.LittleEndian
	var t bytes.Buffer
	t.WriteString("II*\x00")
	binary.Write(&t, le, uint32(8)) // IFD0 offset
	const ifd0Entries = 3
	ifd0Size := 2 + ifd0Entries*12 + 4
	descOff := 8 + ifd0Size
	desc := Secret + "\x00"
	gpsOff := descOff + len(desc)
	if gpsOff%2 == 1 {
		gpsOff++
	}
	entry := func(tag, typ uint16, count, value uint32) {
		binary.Write(&t, le, tag)
		binary.Write(&t, le, typ)
		binary.Write(&t, le, count)
		binary.Write(&t, le, value)
	}
	binary.Write(&t, le, uint16(ifd0Entries))
	entry(0x010e, 2, uint32(len(desc)), uint32(descOff)) // ImageDescription, ASCII
	entry(0x0112, 3, 1, uint32(orientation))             // Orientation, SHORT
	entry(0x8825, 4, 1, uint32(gpsOff))                  // GPS IFD pointer, LONG
	binary.Write(&t, le, uint32(0))                      // no IFD1
	t.WriteString(desc)
	for t.Len() < gpsOff {
		t.WriteByte(0)
	}
	const gpsEntries = 2
	latOff := gpsOff + 2 + gpsEntries*12 + 4
	binary.Write(&t, le, uint16(gpsEntries))
	entry(0x0001, 2, 2, uint32('N'))    // GPSLatitudeRef "N\0", inline
	entry(0x0002, 5, 3, uint32(latOff)) // GPSLatitude, 3 RATIONALs
	binary.Write(&t, le, uint32(0))     // no next IFD
	t.Write(GPSLatitude)                // (big-endian bytes; the values do not matter)
	payload := append([]byte("Exif\x00\x00"), t.Bytes()...)
	return segment(0xe1, payload)
}

func comSegment(s string) []byte { return segment(0xfe, []byte(s)) }

func segment(marker byte, payload []byte) []byte {
	out := []byte{0xff, marker, 0, 0}
	binary.BigEndian.PutUint16(out[2:], uint16(len(payload)+2))
	return append(out, payload...)
}

// PNG encodes a w×h picture with a tEXt chunk, an eXIf chunk (EXIF with GPS tags) and
// an iTXt chunk holding XMP, all holding Secret. With alpha, the left half is
// half-transparent.
func PNG(w, h int, alpha bool) []byte {
	img := Pattern(w, h)
	if alpha {
		for y := 0; y < h; y++ {
			for x := 0; x < w/2; x++ {
				img.Pix[y*img.Stride+x*4+3] = 128
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	iend := len(b) - 12
	exif := exifSegment(6)[4+6:] // the TIFF structure without the APP1 and Exif headers
	var out []byte
	out = append(out, b[:iend]...)
	out = append(out, PNGChunk("tEXt", []byte("Comment\x00"+Secret))...)
	out = append(out, PNGChunk("eXIf", exif)...)
	out = append(out, PNGChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta>"+Secret+"</x:xmpmeta>"))...)
	return append(out, b[iend:]...)
}

// PNGChunk frames a PNG chunk with its length and CRC.
func PNGChunk(typ string, data []byte) []byte {
	out := make([]byte, 8, 12+len(data))
	binary.BigEndian.PutUint32(out, uint32(len(data)))
	copy(out[4:], typ)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
}

// PNGBomb is a valid PNG header announcing w×h pixels, with a tiny (and truncated)
// image payload: decoding it would allocate w×h×4 bytes.
func PNGBomb(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, PNGChunk("IHDR", ihdr)...)
	out = append(out, PNGChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00})...)
	return append(out, PNGChunk("IEND", nil)...)
}

// GIF encodes an animation of frames w×h frames, each a different colour, with a
// comment extension holding Secret.
func GIF(w, h, frames int) []byte {
	pal := color.Palette{color.Black, color.White, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	g := &gif.GIF{LoopCount: 0}
	for i := 0; i < frames; i++ {
		f := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		for p := range f.Pix {
			f.Pix[p] = uint8((i + p/w) % len(pal))
		}
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 10)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	comment := append([]byte{0x21, 0xfe, byte(len(Secret))}, Secret...)
	comment = append(comment, 0)
	out := append([]byte{}, b[:len(b)-1]...) // before the trailer
	out = append(out, comment...)
	return append(out, 0x3b)
}

// WebP builds a lossless w×h WebP in the extended (VP8X) container with EXIF (GPS
// tags) and XMP chunks. The picture is a checkerboard of 8×8 squares in two colours,
// which a VP8L bitstream can carry with one-bit prefix codes and no transforms.
func WebP(w, h int) []byte {
	vp8l := vp8lCheckerboard(w, h)
	var chunks bytes.Buffer
	vp8x := make([]byte, 10)
	vp8x[0] = 0x08 | 0x04 // EXIF and XMP present
	put24(vp8x[4:], uint32(w-1))
	put24(vp8x[7:], uint32(h-1))
	chunks.Write(riffChunk("VP8X", vp8x))
	chunks.Write(riffChunk("VP8L", vp8l))
	chunks.Write(riffChunk("EXIF", exifSegment(1)[4+6:]))
	chunks.Write(riffChunk("XMP ", []byte("<x:xmpmeta>"+Secret+"</x:xmpmeta>")))
	out := []byte("RIFF\x00\x00\x00\x00WEBP")
	out = append(out, chunks.Bytes()...)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

// Colours of WebP's checkerboard; each channel of the first is below the second's,
// which is the order canonical prefix codes give the one-bit codes 0 and 1.
var (
	WebPDark  = color.NRGBA{0x10, 0x20, 0x40, 0xff}
	WebPLight = color.NRGBA{0xf0, 0xe0, 0x40, 0xff}
)

func vp8lCheckerboard(w, h int) []byte {
	var bw bitWriter
	bw.write(0x2f, 8)
	bw.write(uint32(w-1), 14)
	bw.write(uint32(h-1), 14)
	bw.write(0, 1)            // alpha not used
	bw.write(0, 3)            // version
	bw.write(0, 1)            // no transform
	bw.write(0, 1)            // no colour cache
	bw.write(0, 1)            // no meta prefix codes
	two := func(a, b uint8) { // simple code, two 8-bit symbols
		bw.write(1, 1)
		bw.write(1, 1)
		bw.write(1, 1)
		bw.write(uint32(a), 8)
		bw.write(uint32(b), 8)
	}
	one := func(a uint8) { // simple code, one 8-bit symbol
		bw.write(1, 1)
		bw.write(0, 1)
		bw.write(1, 1)
		bw.write(uint32(a), 8)
	}
	two(WebPDark.G, WebPLight.G) // green
	two(WebPDark.R, WebPLight.R) // red
	one(WebPDark.B)              // blue
	one(0xff)                    // alpha
	one(0)                       // distance
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			bit := uint32((x/8 + y/8) % 2)
			bw.write(bit, 1) // green
			bw.write(bit, 1) // red
		}
	}
	return bw.bytes()
}

type bitWriter struct {
	buf   []byte
	acc   uint64
	nbits uint
}

func (b *bitWriter) write(v uint32, n uint) {
	b.acc |= uint64(v) << b.nbits
	b.nbits += n
	for b.nbits >= 8 {
		b.buf = append(b.buf, byte(b.acc))
		b.acc >>= 8
		b.nbits -= 8
	}
}

func (b *bitWriter) bytes() []byte {
	if b.nbits > 0 {
		b.buf = append(b.buf, byte(b.acc))
		b.acc, b.nbits = 0, 0
	}
	return b.buf
}

func riffChunk(fourCC string, data []byte) []byte {
	out := make([]byte, 8, 8+len(data)+1)
	copy(out, fourCC)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(data)))
	out = append(out, data...)
	if len(data)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

func put24(b []byte, v uint32) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }

// HTML is a web page, as someone might upload under the name "cat.png".
func HTML() []byte {
	return []byte("<!DOCTYPE html>\n<html><head><title>cat</title></head><body><script>alert(document.cookie)</script></body></html>\n")
}

// MP4 is an MP4 file's structure without media samples: an ftyp box, a moov box
// whose mvhd says 12.5 seconds and whose one track's tkhd says 640×360, and an empty
// mdat. Enough for the type to be sniffed and the headers read; fedigraph stores
// video as uploaded.
func MP4() []byte {
	be := binary.BigEndian
	box := func(typ string, payload ...[]byte) []byte {
		body := bytes.Join(payload, nil)
		out := be.AppendUint32(nil, uint32(8+len(body)))
		return append(append(out, typ...), body...)
	}
	identity := []uint32{0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000}
	matrix := func() []byte {
		var b []byte
		for _, v := range identity {
			b = be.AppendUint32(b, v)
		}
		return b
	}
	mvhd := be.AppendUint32(nil, 0)       // version 0, flags
	mvhd = be.AppendUint32(mvhd, 0)       // creation time
	mvhd = be.AppendUint32(mvhd, 0)       // modification time
	mvhd = be.AppendUint32(mvhd, 1000)    // timescale
	mvhd = be.AppendUint32(mvhd, 12500)   // duration
	mvhd = be.AppendUint32(mvhd, 0x10000) // rate 1.0
	mvhd = be.AppendUint16(mvhd, 0x100)   // volume 1.0
	mvhd = append(mvhd, make([]byte, 10)...)
	mvhd = append(mvhd, matrix()...)
	mvhd = append(mvhd, make([]byte, 24)...)
	mvhd = be.AppendUint32(mvhd, 2) // next track ID
	tkhd := be.AppendUint32(nil, 3) // version 0, flags: enabled, in movie
	tkhd = be.AppendUint32(tkhd, 0)
	tkhd = be.AppendUint32(tkhd, 0)
	tkhd = be.AppendUint32(tkhd, 1) // track ID
	tkhd = be.AppendUint32(tkhd, 0)
	tkhd = be.AppendUint32(tkhd, 12500)
	tkhd = append(tkhd, make([]byte, 16)...) // reserved, layer, group, volume, reserved
	tkhd = append(tkhd, matrix()...)
	tkhd = be.AppendUint32(tkhd, 640<<16)
	tkhd = be.AppendUint32(tkhd, 360<<16)
	ftyp := box("ftyp", []byte("isom\x00\x00\x02\x00isommp41"))
	return bytes.Join([][]byte{ftyp, box("moov", box("mvhd", mvhd), box("trak", box("tkhd", tkhd))), box("mdat")}, nil)
}

// MP3 is an ID3v2 header followed by a few silent MPEG-1 Layer III frames.
func MP3() []byte {
	b := []byte{'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}
	frame := make([]byte, 417)
	frame[0], frame[1], frame[2], frame[3] = 0xff, 0xfb, 0x90, 0x64
	for i := 0; i < 4; i++ {
		b = append(b, frame...)
	}
	return b
}

// GIFBomb is a 100×100 GIF of the given number of frames, each announcing w×h pixels
// with next to no image data: a few bytes a frame that would decode to w×h each.
func GIFBomb(w, h uint16, frames int) []byte {
	b := []byte("GIF89a")
	b = binary.LittleEndian.AppendUint16(b, 100)
	b = binary.LittleEndian.AppendUint16(b, 100)
	b = append(b, 0x80, 0, 0)                // global colour table of 2 entries
	b = append(b, 0, 0, 0, 0xff, 0xff, 0xff) // black, white
	for i := 0; i < frames; i++ {
		b = append(b, 0x2c, 0, 0, 0, 0)
		b = binary.LittleEndian.AppendUint16(b, w)
		b = binary.LittleEndian.AppendUint16(b, h)
		b = append(b, 0)          // no local colour table
		b = append(b, 2, 1, 0x44) // LZW code size 2; clear code then end code
		b = append(b, 0)
	}
	return append(b, 0x3b)
}

// NoisyPNG is a w×h PNG of pseudo-random pixels, which compresses badly: a large
// file from a small picture.
func NoisyPNG(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	x := uint32(2463534242)
	for i := range img.Pix {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		img.Pix[i] = byte(x)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Photo is a w×h JPEG that compresses like a photograph (a gradient with fine grain,
// a few megabytes at 4000×3000), with EXIF and GPS tags and the given orientation.
func Photo(w, h int, orientation uint16) []byte {
	img := Pattern(w, h)
	x := uint32(2463534242)
	for i := 0; i < len(img.Pix); i += 4 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		for c := 0; c < 3; c++ {
			v := int(img.Pix[i+c]) + int((x>>(8*c))&31) - 16
			img.Pix[i+c] = uint8(min(max(v, 0), 255))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	out := append([]byte{}, b[:2]...)
	out = append(out, exifSegment(orientation)...)
	return append(out, b[2:]...)
}
