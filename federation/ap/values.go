package ap

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// The accessors below read one property of a decoded JSON-LD document the way real
// servers write it: a property may hold a single value or an array of them, an object
// may stand in for its IRI (and the reverse), and null or a value of the wrong type
// means "absent". None of them fail: parse.go decides what is required.

// doc is one decoded JSON object.
type doc map[string]any

// asDoc is v as an object, or nil.
func asDoc(v any) doc {
	if m, ok := v.(map[string]any); ok {
		return doc(m)
	}
	return nil
}

// list is v as a list: an array as it is, a single value as a list of one, null as none.
func list(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	default:
		return []any{v}
	}
}

// str is a string property; anything else reads as "".
func (d doc) str(key string) string {
	s, _ := d[key].(string)
	return s
}

// firstStr is the first string of a property that may be a string or an array of them.
func (d doc) firstStr(key string) string {
	for _, v := range list(d[key]) {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return ""
}

// bool reads a boolean, accepting the strings "true" and "false" that some servers send.
func (d doc) bool(key string) bool {
	switch t := d[key].(type) {
	case bool:
		return t
	case string:
		return t == "true"
	}
	return false
}

// int reads a whole number; fractions are cut and negative numbers read as 0, since
// every count and size here is non-negative.
func (d doc) int(key string) int {
	var f float64
	switch t := d[key].(type) {
	case float64:
		f = t
	case string:
		f, _ = strconv.ParseFloat(t, 64)
	}
	if f < 0 || f != f || f > 1<<31 {
		return 0
	}
	return int(f)
}

// time reads an xsd:dateTime. Servers send RFC 3339 with or without fractional
// seconds; anything else reads as the zero time.
func (d doc) time(key string) time.Time {
	s, ok := d[key].(string)
	if !ok {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// iri reads a property that names an object: a string is the IRI, an object gives its
// id (or, for a Link, its href), an array gives its first such value.
func (d doc) iri(key string) string {
	for _, v := range list(d[key]) {
		if s := iriOf(v); s != "" {
			return s
		}
	}
	return ""
}

// iris reads every IRI of a property, at most max of them; ok is false when there are
// more.
func (d doc) iris(key string, max int) (out []string, ok bool) {
	vs := list(d[key])
	if len(vs) > max {
		return nil, false
	}
	for _, v := range vs {
		if s := iriOf(v); s != "" {
			out = append(out, s)
		}
	}
	return out, true
}

func iriOf(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		if s, ok := t["id"].(string); ok {
			return s
		}
		if s, ok := t["href"].(string); ok {
			return s
		}
	}
	return ""
}

// typ is the object's type without a JSON-LD prefix ("as:Note" is "Note"). A document
// with several types gives the first one this package knows, else the first one.
func (d doc) typ() string {
	var first string
	for _, v := range list(d["type"]) {
		s, ok := v.(string)
		if !ok {
			continue
		}
		s = strings.TrimPrefix(s, "as:")
		s = strings.TrimPrefix(s, "https://www.w3.org/ns/activitystreams#")
		if first == "" {
			first = s
		}
		if knownType(s) {
			return s
		}
	}
	return first
}

// langMap reads a *Map property (contentMap, summaryMap, nameMap): language → text.
func (d doc) langMap(key string) map[string]string {
	m := asDoc(d[key])
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// fromLangMap picks a text and its language from a *Map property when the plain
// property is missing: English if present, else the first language in sorted order,
// so the choice does not depend on map iteration.
func fromLangMap(m map[string]string) (text, lang string) {
	if len(m) == 0 {
		return "", ""
	}
	if s, ok := m["en"]; ok {
		return s, "en"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return m[keys[0]], keys[0]
}

// linkURL reads a url property: a string, a Link object ({href, mediaType}), or an
// array of them. A post's url is where people read it, so wantHTML prefers a
// text/html link; an attachment's url is the file, so !wantHTML prefers any other.
// mediaType is that of the chosen link, if it says.
func (d doc) linkURL(key string, wantHTML bool) (href, mediaType string) {
	for _, v := range list(d[key]) {
		switch t := v.(type) {
		case string:
			if href == "" {
				href = t
			}
		case map[string]any:
			l := doc(t)
			h := l.str("href")
			if h == "" {
				h = l.str("id")
			}
			if h == "" {
				continue
			}
			mt := l.str("mediaType")
			if (mt == "text/html") == wantHTML && mt != "" {
				return h, mt
			}
			if href == "" {
				href, mediaType = h, mt
			}
		}
	}
	return href, mediaType
}
