package media_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"golang.org/x/image/webp"

	"github.com/fedigraph/fedigraph/ent/mediaattachment"
	"github.com/fedigraph/fedigraph/graph/media"
	"github.com/fedigraph/fedigraph/graph/media/mediatest"
)

var limits = media.ImageLimits{MaxPixels: media.DefaultMaxPixels, PreviewSize: 512}

func TestSniffDecidesByContentAlone(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		mime string // "" = refused
		typ  mediaattachment.Type
	}{
		{"jpeg", mediatest.JPEG(16, 16, 0), "image/jpeg", mediaattachment.TypeIMAGE},
		{"png", mediatest.PNG(16, 16, false), "image/png", mediaattachment.TypeIMAGE},
		{"gif", mediatest.GIF(16, 16, 3), "image/gif", mediaattachment.TypeIMAGE},
		{"webp", mediatest.WebP(16, 16), "image/webp", mediaattachment.TypeIMAGE},
		{"mp4", mediatest.MP4(), "video/mp4", mediaattachment.TypeVIDEO},
		{"mp3", mediatest.MP3(), "audio/mpeg", mediaattachment.TypeAUDIO},
		{"html named cat.png", mediatest.HTML(), "", ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "", ""},
		{"plain text", []byte("just some words"), "", ""},
		{"tiff", []byte("II*\x00\x08\x00\x00\x00\x00\x00"), "", ""},
		// No well-kept pure-Go decoder: refused, by what they are (docs/media.md).
		{"avif", ftyp("avif"), "", ""},
		{"heic", ftyp("heic"), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := media.Sniff(tc.data)
			if tc.mime == "" {
				if !errors.Is(err, media.ErrUnsupported) {
					t.Fatalf("Sniff = %+v, %v; want ErrUnsupported", f, err)
				}
				if (tc.name == "avif" || tc.name == "heic") && !strings.Contains(err.Error(), "image/"+tc.name) {
					t.Errorf("refusal %q does not name the type", err)
				}
				return
			}
			if err != nil || f.MIME != tc.mime || f.Type != tc.typ {
				t.Fatalf("Sniff = %+v, %v; want %s %s", f, err, tc.mime, tc.typ)
			}
		})
	}
}

// ftyp is the start of an ISO media file of the brand.
func ftyp(brand string) []byte {
	b := []byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p'}
	b = append(b, brand...)
	b = append(b, 0, 0, 0, 0)
	b = append(b, brand...)
	return append(b, "mif1"...)
}

func TestProcessImageEveryFormat(t *testing.T) {
	for _, tc := range []struct {
		name          string
		data          []byte
		mime          string
		width, height int
		previewMIME   string
	}{
		// Orientation 6 (turn 90° clockwise): the stored original is upright.
		{"jpeg with EXIF orientation and GPS", mediatest.JPEG(1200, 800, 6), "image/jpeg", 800, 1200, "image/jpeg"},
		{"png with metadata chunks", mediatest.PNG(1000, 600, false), "image/png", 1000, 600, "image/jpeg"},
		{"png with transparency", mediatest.PNG(300, 200, true), "image/png", 300, 200, "image/png"},
		{"animated gif", mediatest.GIF(640, 480, 4), "image/gif", 640, 480, "image/jpeg"},
		{"still gif", mediatest.GIF(100, 50, 1), "image/gif", 100, 50, "image/jpeg"},
		{"webp with EXIF and XMP chunks", mediatest.WebP(800, 600), "image/webp", 800, 600, "image/jpeg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := media.Sniff(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			p, err := media.ProcessImage(tc.data, f, media.Attachment, limits)
			if err != nil {
				t.Fatalf("ProcessImage: %v", err)
			}
			o := p.Original
			if o.MIME != tc.mime || o.Width != tc.width || o.Height != tc.height {
				t.Errorf("original = %s %dx%d, want %s %dx%d", o.MIME, o.Width, o.Height, tc.mime, tc.width, tc.height)
			}
			if got := decodedSize(t, o.Data); got != image.Pt(tc.width, tc.height) {
				t.Errorf("stored original decodes to %v", got)
			}
			if sniffed, _ := media.Sniff(o.Data); sniffed.MIME != tc.mime {
				t.Errorf("stored original sniffs as %s", sniffed.MIME)
			}
			pv := p.Preview
			if pv.MIME != tc.previewMIME || max(pv.Width, pv.Height) > 512 {
				t.Errorf("preview = %s %dx%d, want %s within 512", pv.MIME, pv.Width, pv.Height, tc.previewMIME)
			}
			if got := decodedSize(t, pv.Data); got != image.Pt(pv.Width, pv.Height) {
				t.Errorf("preview decodes to %v, reported %dx%d", got, pv.Width, pv.Height)
			}
			if max(tc.width, tc.height) > 512 && max(pv.Width, pv.Height) != 512 {
				t.Errorf("preview %dx%d: longest side should be 512", pv.Width, pv.Height)
			}
			if len(p.Blurhash) < 6 {
				t.Errorf("blurhash %q", p.Blurhash)
			}
			for _, r := range []media.Rendition{o, pv} {
				assertNoMetadata(t, r.Data)
			}
		})
	}
}

// assertNoMetadata checks a stored file carries none of the metadata the test files
// were made with, in any format: no EXIF or XMP block, no GPS value, no comment.
func assertNoMetadata(t *testing.T, b []byte) {
	t.Helper()
	for _, needle := range [][]byte{[]byte(mediatest.Secret), mediatest.GPSLatitude, []byte("Exif\x00\x00"), []byte("II*\x00"), []byte("eXIf"), []byte("tEXt"), []byte("iTXt"), []byte("EXIF"), []byte("XMP ")} {
		if bytes.Contains(b, needle) {
			t.Errorf("stored file still contains %q", needle)
		}
	}
	if len(b) > 2 && b[0] == 0xff && b[1] == 0xd8 {
		for _, m := range jpegMarkers(t, b) {
			if m == 0xe1 || m == 0xfe || m == 0xed { // APP1 (EXIF, XMP), COM, APP13 (IPTC)
				t.Errorf("stored JPEG has a marker 0xff%02x segment", m)
			}
		}
	}
}

// jpegMarkers lists the markers of a JPEG's header segments, up to the scan.
func jpegMarkers(t *testing.T, b []byte) []byte {
	t.Helper()
	var out []byte
	for pos := 2; pos+4 <= len(b); {
		if b[pos] != 0xff {
			t.Fatalf("JPEG segment at %d does not start with 0xff", pos)
		}
		m := b[pos+1]
		out = append(out, m)
		if m == 0xda { // start of scan: entropy-coded data follows
			break
		}
		pos += 2 + int(binary.BigEndian.Uint16(b[pos+2:]))
	}
	return out
}

func decodedSize(t *testing.T, b []byte) image.Point {
	t.Helper()
	var cfg image.Config
	var err error
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xd8}):
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
	case bytes.HasPrefix(b, []byte("\x89PNG")):
		cfg, err = png.DecodeConfig(bytes.NewReader(b))
	case bytes.HasPrefix(b, []byte("GIF8")):
		cfg, err = gif.DecodeConfig(bytes.NewReader(b))
	case bytes.HasPrefix(b, []byte("RIFF")):
		_, err = webp.Decode(bytes.NewReader(b)) // the whole bitstream must still decode
		if err == nil {
			cfg, err = webp.DecodeConfig(bytes.NewReader(b))
		}
	}
	if err != nil {
		t.Fatalf("decode stored file: %v", err)
	}
	return image.Pt(cfg.Width, cfg.Height)
}

func TestJPEGOrientationTurnsThePixels(t *testing.T) {
	// The red block starts in the top-left corner; orientation 6 means the camera was
	// turned, and the picture must be turned 90° clockwise: the block ends top-right.
	p, err := media.ProcessImage(mediatest.JPEG(400, 200, 6), media.Format{MIME: "image/jpeg", Ext: ".jpg", Decodable: true}, media.Attachment, limits)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(p.Original.Data))
	if err != nil {
		t.Fatal(err)
	}
	if !reddish(img.At(190, 10)) || reddish(img.At(10, 10)) {
		t.Errorf("top-right %v, top-left %v: the red block should be top-right", img.At(190, 10), img.At(10, 10))
	}
}

func reddish(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r > 0xc000 && g < 0x4000 && b < 0x4000
}

func TestWebPKeepsItsPixels(t *testing.T) {
	p, err := media.ProcessImage(mediatest.WebP(64, 32), media.Format{MIME: "image/webp", Ext: ".webp", Decodable: true}, media.Attachment, limits)
	if err != nil {
		t.Fatal(err)
	}
	img, err := webp.Decode(bytes.NewReader(p.Original.Data))
	if err != nil {
		t.Fatal(err)
	}
	if got := color.NRGBAModel.Convert(img.At(0, 0)); got != mediatest.WebPDark {
		t.Errorf("pixel (0,0) = %v, want %v", got, mediatest.WebPDark)
	}
	if got := color.NRGBAModel.Convert(img.At(8, 0)); got != mediatest.WebPLight {
		t.Errorf("pixel (8,0) = %v, want %v", got, mediatest.WebPLight)
	}
}

func TestAnimatedGIFStaysAnimated(t *testing.T) {
	p, err := media.ProcessImage(mediatest.GIF(120, 80, 5), media.Format{MIME: "image/gif", Ext: ".gif", Decodable: true}, media.Attachment, limits)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(p.Original.Data))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 5 {
		t.Errorf("stored GIF has %d frames, want 5", len(g.Image))
	}
}

func TestProfileImagesAreResized(t *testing.T) {
	for _, tc := range []struct {
		name    string
		purpose media.Purpose
		data    []byte
		w, h    int
	}{
		{"avatar cropped square", media.Avatar, mediatest.PNG(1000, 600, false), 400, 400},
		{"small avatar kept small", media.Avatar, mediatest.JPEG(100, 300, 0), 100, 100},
		{"header fitted", media.Header, mediatest.JPEG(3000, 2000, 0), 750, 500},
		{"animated avatar too big is still", media.Avatar, mediatest.GIF(500, 500, 3), 400, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := media.Sniff(tc.data)
			p, err := media.ProcessImage(tc.data, f, tc.purpose, limits)
			if err != nil {
				t.Fatal(err)
			}
			if p.Original.Width != tc.w || p.Original.Height != tc.h {
				t.Errorf("original %dx%d, want %dx%d", p.Original.Width, p.Original.Height, tc.w, tc.h)
			}
			if p.Preview.Width != tc.w || p.Preview.Height != tc.h {
				t.Errorf("static version %dx%d, want %dx%d", p.Preview.Width, p.Preview.Height, tc.w, tc.h)
			}
		})
	}
}

func TestDecompressionBombsAreRefusedBeforeDecoding(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"png announcing 100000×100000", mediatest.PNGBomb(100000, 100000)},
		{"png just over the limit", mediatest.PNGBomb(7681, 4320)},
		// 2000 frames of 400×400 is 320 million pixels in a file of 32 KB.
		{"gif with too many frames", mediatest.GIFBomb(400, 400, 2000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := media.Sniff(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			_, err = media.ProcessImage(tc.data, f, media.Attachment, limits)
			if !errors.Is(err, media.ErrTooManyPixel) {
				t.Fatalf("err = %v, want ErrTooManyPixel", err)
			}
		})
	}
}

func TestCorruptImagesAreRefused(t *testing.T) {
	jpg := mediatest.JPEG(100, 100, 0)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"truncated jpeg", jpg[:len(jpg)/2]},
		{"png header only", []byte("\x89PNG\r\n\x1a\n")},
		{"riff without webp", []byte("RIFF\x04\x00\x00\x00WEBP")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := media.Sniff(tc.data)
			if err != nil {
				return // refused already
			}
			if _, err = media.ProcessImage(tc.data, f, media.Attachment, limits); !errors.Is(err, media.ErrCorrupt) {
				t.Fatalf("err = %v, want ErrCorrupt", err)
			}
		})
	}
}

// TestUprightJPEGKeepsItsPixels: a JPEG that needs no turning keeps its compressed
// data bit for bit; its EXIF (GPS included), comment and anything appended after the
// image are gone.
func TestUprightJPEGKeepsItsPixels(t *testing.T) {
	src := mediatest.JPEG(640, 480, 1)
	src = append(src, []byte("appended motion-photo data "+mediatest.Secret)...)
	p, err := media.ProcessImage(src, media.Format{MIME: "image/jpeg", Ext: ".jpg", Decodable: true}, media.Attachment, limits)
	if err != nil {
		t.Fatal(err)
	}
	assertNoMetadata(t, p.Original.Data)
	if !bytes.HasSuffix(p.Original.Data, []byte{0xff, 0xd9}) {
		t.Error("stored JPEG does not end at its end-of-image marker")
	}
	want, _ := jpeg.Decode(bytes.NewReader(src))
	got, err := jpeg.Decode(bytes.NewReader(p.Original.Data))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want.(*image.YCbCr).Y, got.(*image.YCbCr).Y) || !bytes.Equal(want.(*image.YCbCr).Cb, got.(*image.YCbCr).Cb) {
		t.Error("the stored JPEG's pixels differ from the upload's")
	}
	if len(p.Original.Data) >= len(src) {
		t.Errorf("stored %d bytes of an upload of %d", len(p.Original.Data), len(src))
	}
}
