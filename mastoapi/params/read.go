// Package params reads a Mastodon API request's parameters the way Mastodon (Rails)
// does: from the query string and from a form-encoded, multipart or JSON body, with
// Rails' bracket syntax for lists (media_ids[]=1) and nested values
// (poll[options][]=a, fields_attributes[0][name]=x). A JSON body is flattened into the
// same bracketed names, so a handler reads every encoding through one Values.
package params

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

// ErrMalformed marks a body that cannot be parsed; the Mastodon API answers 400.
var ErrMalformed = errors.New("the request body could not be parsed")

// maxMemory is how much of a multipart body is held in memory. The routes here take
// no files (media uploads have their own endpoint), so their forms are small.
const maxMemory = 1 << 20

// maxDepth bounds how deeply a JSON body may nest: Mastodon's deepest parameter is
// three levels down (fields_attributes[0][name]).
const maxDepth = 8

// Read returns the request's parameters. Body values come before query values of the
// same name, as in Rails.
func Read(r *http.Request) (Values, error) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		body, err := readJSON(r.Body)
		if err != nil {
			return Values{}, err
		}
		for k, vs := range r.URL.Query() {
			body[k] = append(body[k], vs...)
		}
		return Values{body}, nil
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxMemory); err != nil {
			return Values{}, malformed(err)
		}
	default:
		if err := parseForm(r); err != nil {
			return Values{}, malformed(err)
		}
	}
	return Values{r.Form}, nil
}

// parseForm is r.ParseForm, except that a DELETE's form body is read too. net/http
// reads the bodies of POST, PUT and PATCH only, but Rails reads any method's, and
// Mastodon apps send DELETE /api/v1/lists/:id/accounts with account_ids[] in a form.
func parseForm(r *http.Request) error {
	if r.Method != http.MethodDelete || r.Form != nil {
		return r.ParseForm()
	}
	// ParseForm keeps its own body limit (10 MB) and content-type checks; it only
	// needs to believe the method carries a body.
	r.Method = http.MethodPost
	defer func() { r.Method = http.MethodDelete }()
	return r.ParseForm()
}

// malformed wraps a parse failure, keeping an over-long body recognisable (the
// server's body limit answers it with 413).
func malformed(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// readJSON flattens a JSON object into bracketed form names. An empty body is an
// empty object: clients send "Content-Type: application/json" with POSTs that have no
// parameters (favourite, follow…).
func readJSON(body io.Reader) (url.Values, error) {
	var obj map[string]any
	dec := json.NewDecoder(body)
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		if errors.Is(err, io.EOF) {
			return url.Values{}, nil
		}
		return nil, malformed(err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the JSON object", ErrMalformed)
	}
	out := url.Values{}
	for k, v := range obj {
		if err := flatten(k, v, 1, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// flatten adds v under the name key: a list of scalars as key[], an object's members
// as key[member], and a list of objects as key[0][member], key[1][member]…
func flatten(key string, v any, depth int, out url.Values) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: %q nests too deeply", ErrMalformed, key)
	}
	switch v := v.(type) {
	case nil:
		// A null is an absent parameter, as in Rails.
	case map[string]any:
		for k, x := range v {
			if err := flatten(key+"["+k+"]", x, depth+1, out); err != nil {
				return err
			}
		}
	case []any:
		for i, x := range v {
			if s, ok := scalar(x); ok {
				out.Add(key+"[]", s)
				continue
			}
			if err := flatten(key+"["+strconv.Itoa(i)+"]", x, depth+1, out); err != nil {
				return err
			}
		}
	default:
		s, _ := scalar(v)
		out.Add(key, s)
	}
	return nil
}

// scalar renders a JSON string, number or boolean as a form value.
func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}
