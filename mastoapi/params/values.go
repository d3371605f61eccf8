package params

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/fedigraph/fedigraph/graph/apperr"
)

// Values are a request's parameters under their bracketed names.
type Values struct{ form url.Values }

// Of wraps already-parsed values, such as a query string.
func Of(v url.Values) Values { return Values{v} }

// Has reports whether the parameter was sent at all, even empty.
func (v Values) Has(key string) bool { return v.form.Has(key) }

// String returns the parameter's first value, and whether it was sent.
func (v Values) String(key string) (string, bool) {
	vs, ok := v.form[key]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// Get returns the parameter's first value, or "".
func (v Values) Get(key string) string { return v.form.Get(key) }

// Optional returns the parameter's value as a pointer, nil when it was not sent.
func (v Values) Optional(key string) *string {
	s, ok := v.String(key)
	if !ok {
		return nil
	}
	return &s
}

// Strings returns a list parameter however the client spelled it: key[]=a&key[]=b
// (Rails' form), key=a&key=b, or key[0]=a&key[1]=b.
func (v Values) Strings(key string) []string {
	if vs, ok := v.form[key+"[]"]; ok {
		return vs
	}
	if vs, ok := v.form[key]; ok {
		return vs
	}
	var out []string
	for _, item := range v.Indexed(key) {
		if s, ok := item.String(""); ok {
			out = append(out, s)
		}
	}
	return out
}

// IDs is Strings for a list of IDs, without blank items: Mastodon ignores them, and
// clients send media_ids[]= for "no media".
func (v Values) IDs(key string) []string {
	out := []string{}
	for _, s := range v.Strings(key) {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// falseValues are the strings Rails reads as false; every other non-empty string is
// true, so "true", "1", "on" and "yes" all are.
var falseValues = []string{"0", "f", "F", "false", "FALSE", "False", "off", "OFF"}

// Bool returns a boolean parameter, nil when it was not sent or sent empty.
func (v Values) Bool(key string) *bool {
	s, ok := v.String(key)
	if !ok || s == "" {
		return nil
	}
	b := !slices.Contains(falseValues, s)
	return &b
}

// True reports whether a boolean parameter was sent and is true: a flag that is off
// unless asked for (exclude_replies, poll[multiple]…).
func (v Values) True(key string) bool {
	b := v.Bool(key)
	return b != nil && *b
}

// Int returns an integer parameter, nil when it was not sent or sent empty. A value
// that is not an integer is a validation failure.
func (v Values) Int(key string) (*int, error) {
	s, ok := v.String(key)
	if !ok || strings.TrimSpace(s) == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return nil, apperr.BadInputf("%s must be a whole number, not %q", key, s)
	}
	return &n, nil
}

// Sub returns the parameters nested under key: for key "poll", poll[options][]
// becomes options[] and poll[expires_in] becomes expires_in.
func (v Values) Sub(key string) Values {
	out := url.Values{}
	prefix := key + "["
	for k, vs := range v.form {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		inner, tail, ok := strings.Cut(rest, "]")
		if !ok {
			continue
		}
		out[inner+tail] = append(out[inner+tail], vs...)
	}
	return Values{out}
}

// Indexed returns the members of a Rails indexed hash or a JSON list of objects, in
// index order: fields_attributes[0][name]=a&fields_attributes[1][name]=b gives two
// Values, each with a "name". Non-numeric keys ({"fields_attributes": {"a": {…}}})
// follow the numeric ones, sorted, as Rails iterates such hashes in key order.
func (v Values) Indexed(key string) []Values {
	sub := v.Sub(key)
	var names []string
	for k := range sub.form {
		name, _, _ := strings.Cut(k, "[")
		if name != "" && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		na, errA := strconv.Atoi(a)
		nb, errB := strconv.Atoi(b)
		switch {
		case errA == nil && errB == nil:
			return na - nb
		case errA == nil:
			return -1
		case errB == nil:
			return 1
		}
		return strings.Compare(a, b)
	})
	out := make([]Values, len(names))
	for i, name := range names {
		item := sub.Sub(name)
		if vs, ok := sub.form[name]; ok {
			item.form[""] = vs // a scalar member: key[0]=a
		}
		out[i] = item
	}
	return out
}
