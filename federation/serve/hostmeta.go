package serve

import (
	"encoding/xml"
	"net/http"
	"strings"
)

// xrd is host-meta's XML form (RFC 6415): one link, to the WebFinger template.
type xrd struct {
	XMLName xml.Name  `xml:"http://docs.oasis-open.org/ns/xri/xrd-1.0 XRD"`
	Links   []xrdLink `xml:"Link"`
}

type xrdLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Template string `xml:"template,attr"`
}

// lrddTemplate is where WebFinger answers, as older software (and some Mastodon
// versions) look it up through host-meta rather than assuming the well-known path.
func (s *Server) lrddTemplate() string {
	return s.cfg.URIs.Base() + "/.well-known/webfinger?resource={uri}"
}

// hostMeta serves the XRD document; a client asking for JSON gets host-meta.json's.
func (s *Server) hostMeta(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Add("Vary", "Accept")
	if wantsJSON(r.Header.Get("Accept")) {
		s.hostMetaJSON(w, r)
		return
	}
	b, err := xml.MarshalIndent(xrd{Links: []xrdLink{{Rel: "lrdd", Type: "application/jrd+json", Template: s.lrddTemplate()}}}, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeBytes(w, "application/xrd+xml; charset=utf-8", http.StatusOK, append([]byte(xml.Header), b...))
}

// hostMetaJSON serves host-meta as JRD (RFC 6415 appendix A).
func (s *Server) hostMetaJSON(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, "application/json; charset=utf-8", http.StatusOK,
		jrd{Links: []jrdLink{{Rel: "lrdd", Type: "application/jrd+json", Template: s.lrddTemplate()}}})
}

// wantsJSON holds when an Accept header names JSON (or JRD) and not XML.
func wantsJSON(accept string) bool {
	return containsAny(accept, "application/json", "application/jrd+json") &&
		!containsAny(accept, "application/xrd+xml", "application/xml", "text/xml")
}

func containsAny(s string, subs ...string) bool {
	s = strings.ToLower(s)
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
