package oauth

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

// maxBodyBytes bounds request bodies: an app registration or token request is a few
// hundred bytes, and nothing here needs more.
const maxBodyBytes = 64 << 10

// errMalformedBody is returned by readParams for a body that cannot be read.
var errMalformedBody = errors.New("the request body is malformed")

// readParams reads a request's parameters from a JSON, urlencoded or multipart body,
// merged with the query string as Mastodon (Rails) does, since some apps send their
// registration or token parameters in the URL. Body values come first.
func readParams(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		params, err := readJSONParams(r)
		if err != nil {
			return nil, err
		}
		for k, vs := range r.URL.Query() {
			params[k] = append(params[k], vs...)
		}
		return params, nil
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxBodyBytes); err != nil {
			return nil, fmt.Errorf("%w: %w", errMalformedBody, err)
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("%w: %w", errMalformedBody, err)
		}
	}
	return r.Form, nil
}

// readJSONParams flattens a JSON object of strings, numbers, booleans and arrays of
// those into form values, so one code path serves both encodings.
func readJSONParams(r *http.Request) (url.Values, error) {
	var body map[string]any
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return nil, fmt.Errorf("%w: %w", errMalformedBody, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the JSON object", errMalformedBody)
	}
	params := url.Values{}
	for key, v := range body {
		items, isList := v.([]any)
		if !isList {
			items = []any{v}
		}
		for _, item := range items {
			s, ok := scalarString(item)
			if !ok {
				return nil, fmt.Errorf("%w: %q must be a string or a list of strings", errMalformedBody, key)
			}
			params.Add(key, s)
		}
	}
	return params, nil
}

func scalarString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	case nil:
		return "", true
	}
	return "", false
}
