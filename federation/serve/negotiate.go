package serve

import (
	"strconv"
	"strings"
)

// want is what a client asked for in its Accept header.
type want int

const (
	wantNothing  want = iota // nothing this package can serve: 406
	wantActivity             // ActivityStreams JSON
	wantHTML                 // a web page (a redirect to the SPA's)
)

// maxAcceptRanges bounds the work spent on a hostile Accept header.
const maxAcceptRanges = 32

// negotiate picks between ActivityStreams JSON and a web page as RFC 9110 says: the
// offer matched with the higher quality wins, then the one matched more specifically,
// then ActivityStreams (a client that names both equally is a federating one that
// also takes HTML). Any application/ld+json counts, with or without the
// ActivityStreams profile, and so does application/json, as Mastodon serves it.
// No Accept header, or */* alone, means a browser-like client, which gets the page,
// as on Mastodon.
func negotiate(accept string) want {
	if strings.TrimSpace(accept) == "" {
		return wantHTML
	}
	type best struct {
		q    float64
		spec int // 0 */*, 1 type/*, 2 full type
	}
	var ap, html best
	ap.q, html.q = -1, -1
	consider := func(b *best, q float64, spec int) {
		if q > b.q || (q == b.q && spec > b.spec) {
			b.q, b.spec = q, spec
		}
	}
	ranges := strings.SplitN(accept, ",", maxAcceptRanges+1)
	if len(ranges) > maxAcceptRanges {
		ranges = ranges[:maxAcceptRanges]
	}
	for _, r := range ranges {
		parts := strings.Split(r, ";")
		mt := strings.ToLower(strings.TrimSpace(parts[0]))
		q := 1.0
		for _, p := range parts[1:] {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && f >= 0 && f <= 1 {
					q = f
				}
			}
		}
		switch mt {
		case "application/activity+json", "application/ld+json", "application/json":
			consider(&ap, q, 2)
		case "text/html", "application/xhtml+xml":
			consider(&html, q, 2)
		case "application/*":
			consider(&ap, q, 1)
		case "text/*":
			consider(&html, q, 1)
		case "*/*":
			consider(&ap, q, 0)
			consider(&html, q, 0)
		}
	}
	switch {
	case ap.q <= 0 && html.q <= 0:
		return wantNothing
	case ap.q > html.q:
		return wantActivity
	case html.q > ap.q:
		return wantHTML
	case ap.spec > html.spec:
		return wantActivity
	case html.spec > ap.spec:
		return wantHTML
	case ap.spec == 0:
		return wantHTML // */* alone
	}
	return wantActivity
}
