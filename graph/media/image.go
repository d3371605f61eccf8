package media

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"github.com/buckket/go-blurhash"
	"github.com/disintegration/imaging"
	"golang.org/x/image/webp"
)

// Purpose is what an image is for; it decides the bounds it is resized to.
type Purpose int

// Purposes of an image.
const (
	Attachment Purpose = iota // kept at its size, with a preview
	Avatar                    // cropped to a square of at most AvatarSize
	Header                    // fitted within HeaderWidth × HeaderHeight
	Emoji                     // fitted within EmojiSize
)

// Bounds for profile images and emoji, as Mastodon has them.
const (
	AvatarSize   = 400
	HeaderWidth  = 1500
	HeaderHeight = 500
	EmojiSize    = 128
)

// Qualities of the JPEG encoder: high for the stored original, lower for previews
// that are only looked at small.
const (
	originalQuality = 90
	previewQuality  = 80
)

// gifAreaFactor is how many full-size images' worth of pixels the frames of an
// animated GIF may add up to. A GIF frame takes one byte a pixel once decoded.
const gifAreaFactor = 4

// Rendition is one encoded version of a file.
type Rendition struct {
	Data          []byte
	MIME, Ext     string
	Width, Height int
}

// Processed is an image made safe to store and serve: re-encoded (or, for WebP,
// rebuilt) without its metadata, turned upright, resized for its purpose, with a
// preview and a blurhash.
type Processed struct {
	Original Rendition
	Preview  Rendition
	Blurhash string
}

// ImageLimits bound the work one image may cause.
type ImageLimits struct {
	// MaxPixels caps width × height, checked from the header before any pixel is
	// decoded: the decompression-bomb guard.
	MaxPixels int64
	// PreviewSize is the longest side of an attachment's preview.
	PreviewSize int
}

// ProcessImage decodes an image of the sniffed format f and produces what is stored.
func ProcessImage(data []byte, f Format, p Purpose, lim ImageLimits) (*Processed, error) {
	if err := checkPixels(data, f, lim.MaxPixels); err != nil {
		return nil, err
	}
	switch f.MIME {
	case "image/gif":
		return processGIF(data, p, lim)
	case "image/webp":
		return processWebP(data, p, lim)
	}
	if f.MIME == "image/jpeg" {
		return processJPEG(data, p, lim)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt("image", err)
	}
	img = fitPurpose(img, p)
	out := &Processed{}
	// Encoding from decoded pixels drops every ancillary chunk (tEXt, iTXt, eXIf…).
	if out.Original, err = encodeLike(img, f.MIME, originalQuality); err != nil {
		return nil, err
	}
	return out, finish(out, img, p, lim)
}

// processJPEG keeps an upright JPEG's compressed data as it is, without its metadata
// segments (stripJPEG); one that must be turned (by its EXIF orientation) or resized
// is re-encoded from its pixels. Either way it is decoded in full first, which is what
// proves the file is an image and gives the preview.
func processJPEG(data []byte, p Purpose, lim ImageLimits) (*Processed, error) {
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt("image", err)
	}
	o := jpegOrientation(data)
	upright := orient(img, o)
	fitted := fitPurpose(upright, p)
	out := &Processed{}
	if o == 1 && fitted == img {
		if stripped, err := stripJPEG(data); err == nil {
			b := img.Bounds()
			out.Original = Rendition{Data: stripped, MIME: "image/jpeg", Ext: ".jpg", Width: b.Dx(), Height: b.Dy()}
			return out, finish(out, img, p, lim)
		}
		// A structure the stripper does not follow: re-encode instead.
	}
	if out.Original, err = encodeLike(fitted, "image/jpeg", originalQuality); err != nil {
		return nil, err
	}
	return out, finish(out, fitted, p, lim)
}

// checkPixels reads the image's dimensions from its header and refuses one whose
// decoding would take more memory than allowed.
func checkPixels(data []byte, f Format, limit int64) error {
	var cfg image.Config
	var err error
	switch f.MIME {
	case "image/jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case "image/png":
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case "image/gif":
		cfg, err = gif.DecodeConfig(bytes.NewReader(data))
	case "image/webp":
		cfg, err = webp.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return corrupt("image", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return corrupt("image", errNoPixels)
	}
	if int64(cfg.Width)*int64(cfg.Height) > limit {
		return tooManyPixels(cfg.Width, cfg.Height, limit)
	}
	if f.MIME == "image/gif" {
		frames, area, err := gifFrames(data)
		if err != nil {
			return corrupt("image", err)
		}
		if area > gifAreaFactor*limit {
			return refuse(ErrTooManyPixel, "Validation failed: the animation's %d frames hold more than the %d pixels allowed", frames, gifAreaFactor*limit)
		}
	}
	return nil
}

// processGIF keeps an animated GIF animated: every frame is re-encoded (which drops
// comments and XMP application blocks) and the preview shows the first frame.
func processGIF(data []byte, p Purpose, lim ImageLimits) (*Processed, error) {
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt("image", err)
	}
	first := firstFrame(g)
	out := &Processed{}
	if len(g.Image) > 1 && (p == Attachment || fitsPurpose(first, p)) {
		var buf bytes.Buffer
		if err := gif.EncodeAll(&buf, g); err != nil {
			return nil, err
		}
		b := first.Bounds()
		out.Original = Rendition{Data: buf.Bytes(), MIME: "image/gif", Ext: ".gif", Width: b.Dx(), Height: b.Dy()}
		return out, finish(out, first, p, lim)
	}
	// A still GIF, or an animated avatar too large to keep: one frame, resized.
	img := fitPurpose(first, p)
	mime := "image/png" // resized pixels are no longer a palette's
	if p == Attachment {
		mime = "image/gif"
	}
	if out.Original, err = encodeLike(img, mime, 0); err != nil {
		return nil, err
	}
	return out, finish(out, img, p, lim)
}

// firstFrame draws the first frame on the GIF's canvas, so that a frame smaller than
// the canvas still previews at the canvas's size.
func firstFrame(g *gif.GIF) image.Image {
	canvas := image.Rect(0, 0, g.Config.Width, g.Config.Height)
	f := g.Image[0]
	if canvas.Empty() || f.Bounds() == canvas {
		return f
	}
	dst := image.NewNRGBA(canvas)
	return imaging.Overlay(dst, f, f.Bounds().Min, 1)
}

// processWebP keeps a still WebP's bitstream as it is, without its metadata chunks,
// unless it must be resized: there is no pure-Go WebP encoder, so a resized WebP
// becomes a PNG.
func processWebP(data []byte, p Purpose, lim ImageLimits) (*Processed, error) {
	stripped, animated, err := stripWebP(data)
	if err != nil {
		return nil, corrupt("image", err)
	}
	if animated {
		return nil, refuse(ErrUnsupported, "Validation failed: animated WebP images are not supported; upload a GIF or a video")
	}
	img, err := webp.Decode(bytes.NewReader(stripped))
	if err != nil {
		return nil, corrupt("image", err)
	}
	out := &Processed{}
	if p == Attachment || fitsPurpose(img, p) {
		b := img.Bounds()
		out.Original = Rendition{Data: stripped, MIME: "image/webp", Ext: ".webp", Width: b.Dx(), Height: b.Dy()}
		return out, finish(out, img, p, lim)
	}
	img = fitPurpose(img, p)
	if out.Original, err = encodeLike(img, "image/png", 0); err != nil {
		return nil, err
	}
	return out, finish(out, img, p, lim)
}

// finish adds the preview and blurhash made from the upright, decoded image.
func finish(out *Processed, img image.Image, p Purpose, lim ImageLimits) error {
	size := lim.PreviewSize
	if p != Attachment {
		// A profile image is small already; its preview is the still version
		// Mastodon calls avatar_static.
		size = max(img.Bounds().Dx(), img.Bounds().Dy())
	}
	preview := img
	if b := img.Bounds(); b.Dx() > size || b.Dy() > size {
		preview = imaging.Fit(img, size, size, imaging.Lanczos)
	}
	mime := "image/jpeg"
	if !isOpaque(preview) {
		mime = "image/png"
	}
	var err error
	if out.Preview, err = encodeLike(preview, mime, previewQuality); err != nil {
		return err
	}
	// The blurhash averages colours over the whole image: a thumbnail of a few dozen
	// pixels gives the same hash as the full preview at a fraction of the cost.
	tiny := imaging.Fit(preview, 64, 64, imaging.Box)
	if out.Blurhash, err = blurhash.Encode(4, 3, tiny); err != nil {
		return err
	}
	return nil
}

// fitPurpose resizes an attachment not at all, an avatar to a centred square and a
// header or emoji to fit their bounds; images already within bounds are kept.
func fitPurpose(img image.Image, p Purpose) image.Image {
	if fitsPurpose(img, p) {
		return img
	}
	b := img.Bounds()
	switch p {
	case Avatar:
		side := min(b.Dx(), b.Dy(), AvatarSize)
		return imaging.Fill(img, side, side, imaging.Center, imaging.Lanczos)
	case Header:
		return imaging.Fit(img, HeaderWidth, HeaderHeight, imaging.Lanczos)
	case Emoji:
		return imaging.Fit(img, EmojiSize, EmojiSize, imaging.Lanczos)
	}
	return img
}

// fitsPurpose reports whether an image is already within its purpose's bounds.
func fitsPurpose(img image.Image, p Purpose) bool {
	b := img.Bounds()
	switch p {
	case Avatar:
		return b.Dx() == b.Dy() && b.Dx() <= AvatarSize
	case Header:
		return b.Dx() <= HeaderWidth && b.Dy() <= HeaderHeight
	case Emoji:
		return b.Dx() <= EmojiSize && b.Dy() <= EmojiSize
	}
	return true
}

// encodeLike encodes img as JPEG, PNG or GIF. Encoding from decoded pixels is what
// strips the metadata: the encoders write none.
func encodeLike(img image.Image, mime string, quality int) (Rendition, error) {
	var buf bytes.Buffer
	var err error
	ext := ""
	switch mime {
	case "image/jpeg":
		err, ext = jpeg.Encode(&buf, asRGBA(img), &jpeg.Options{Quality: quality}), ".jpg"
	case "image/gif":
		err, ext = gif.Encode(&buf, img, nil), ".gif"
	default:
		mime, ext = "image/png", ".png"
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	}
	if err != nil {
		return Rendition{}, err
	}
	b := img.Bounds()
	return Rendition{Data: buf.Bytes(), MIME: mime, Ext: ext, Width: b.Dx(), Height: b.Dy()}, nil
}

// asRGBA hands the JPEG encoder an opaque NRGBA image (what imaging's transforms
// return) as the identical RGBA image: the encoder has a fast path for RGBA and
// otherwise reads every pixel through an interface, one allocation each.
func asRGBA(img image.Image) image.Image {
	if n, ok := img.(*image.NRGBA); ok && n.Opaque() {
		return &image.RGBA{Pix: n.Pix, Stride: n.Stride, Rect: n.Rect}
	}
	return img
}

// isOpaque reports whether an image has no transparent pixel; images that have one
// get PNG previews, since JPEG would paint the transparency black.
func isOpaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}
