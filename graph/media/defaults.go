package media

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"sync"
	"time"
)

// DefaultImages serves the default avatar and header at DefaultAvatarPath and
// DefaultHeaderPath. They are drawn once, in memory: a grey silhouette on a
// lighter square, and a plain band.
func DefaultImages() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b []byte
		switch r.URL.Path {
		case DefaultAvatarPath:
			b = defaults().avatar
		case DefaultHeaderPath:
			b = defaults().header
		default:
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		http.ServeContent(w, r, "", startedAt, bytes.NewReader(b))
	})
}

var startedAt = time.Now().Truncate(time.Second)

type defaultPNGs struct{ avatar, header []byte }

var defaults = sync.OnceValue(func() defaultPNGs {
	bg := color.NRGBA{0xd9, 0xe1, 0xe8, 0xff}
	fg := color.NRGBA{0x9b, 0xaa, 0xb8, 0xff}
	const n = AvatarSize
	avatar := image.NewNRGBA(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			c := bg
			dx, dy := float64(x-n/2), float64(y-n*2/5)
			sx, sy := float64(x-n/2), float64(y-n)
			if dx*dx+dy*dy < float64(n*n)/36 || (sx*sx/float64(n*n/9)+sy*sy/float64(n*n/7)) < 1 {
				c = fg
			}
			avatar.SetNRGBA(x, y, c)
		}
	}
	header := image.NewNRGBA(image.Rect(0, 0, HeaderWidth/3, HeaderHeight/3))
	for i := 0; i < len(header.Pix); i += 4 {
		header.Pix[i], header.Pix[i+1], header.Pix[i+2], header.Pix[i+3] = bg.R, bg.G, bg.B, 0xff
	}
	return defaultPNGs{avatar: encodePNG(avatar), header: encodePNG(header)}
})

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic("media: encode default image: " + err.Error()) // an in-memory image always encodes
	}
	return buf.Bytes()
}
