package params_test

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/fedigraph/fedigraph/mastoapi/params"
)

// status is what a handler reads of a status-creating request.
type status struct {
	Text      string
	Sensitive *bool
	MediaIDs  []string
	Options   []string
	ExpiresIn string
	Multiple  *bool
}

func readStatus(t *testing.T, r *http.Request) status {
	t.Helper()
	v, err := params.Read(r)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	poll := v.Sub("poll")
	return status{
		Text: v.Get("status"), Sensitive: v.Bool("sensitive"), MediaIDs: v.IDs("media_ids"),
		Options: poll.Strings("options"), ExpiresIn: poll.Get("expires_in"), Multiple: poll.Bool("multiple"),
	}
}

func multipartRequest(fields [][2]string) *http.Request {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/api/v1/statuses", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

// Every encoding a Mastodon client uses must read the same.
func TestEncodingsReadAlike(t *testing.T) {
	yes := true
	want := status{
		Text: "hello", Sensitive: &yes, MediaIDs: []string{"m1", "m2"},
		Options: []string{"a", "b"}, ExpiresIn: "300", Multiple: &yes,
	}
	form := url.Values{
		"status": {"hello"}, "sensitive": {"1"}, "media_ids[]": {"m1", "m2"},
		"poll[options][]": {"a", "b"}, "poll[expires_in]": {"300"}, "poll[multiple]": {"true"},
	}
	formReq := httptest.NewRequest(http.MethodPost, "/api/v1/statuses", strings.NewReader(form.Encode()))
	formReq.Header.Set("Content-Type", "application/x-www-form-urlencoded")

	jsonReq := httptest.NewRequest(http.MethodPost, "/api/v1/statuses", strings.NewReader(
		`{"status":"hello","sensitive":true,"media_ids":["m1","m2"],"poll":{"options":["a","b"],"expires_in":300,"multiple":true}}`))
	jsonReq.Header.Set("Content-Type", "application/json; charset=utf-8")

	indexedReq := httptest.NewRequest(http.MethodPost, "/api/v1/statuses?"+url.Values{
		"status": {"hello"}, "sensitive": {"on"}, "media_ids[0]": {"m1"}, "media_ids[1]": {"m2"},
		"poll[options][0]": {"a"}, "poll[options][1]": {"b"}, "poll[expires_in]": {"300"}, "poll[multiple]": {"1"},
	}.Encode(), nil)

	cases := map[string]*http.Request{
		"form":          formReq,
		"json":          jsonReq,
		"query indexed": indexedReq,
		"multipart": multipartRequest([][2]string{
			{"status", "hello"}, {"sensitive", "true"}, {"media_ids[]", "m1"}, {"media_ids[]", "m2"},
			{"poll[options][]", "a"}, {"poll[options][]", "b"}, {"poll[expires_in]", "300"}, {"poll[multiple]", "true"},
		}),
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			if got := readStatus(t, r); !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestBooleansAsRailsReadsThem(t *testing.T) {
	cases := []struct {
		raw  string
		want *bool
	}{
		{"true", ptr(true)}, {"1", ptr(true)}, {"on", ptr(true)},
		{"false", ptr(false)}, {"0", ptr(false)}, {"f", ptr(false)}, {"off", ptr(false)},
		{"", nil},
	}
	for _, c := range cases {
		v := params.Of(url.Values{"b": {c.raw}})
		if got := v.Bool("b"); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Bool(%q) = %v, want %v", c.raw, deref(got), deref(c.want))
		}
	}
	if got := params.Of(url.Values{}).Bool("b"); got != nil {
		t.Errorf("Bool of an absent parameter = %v, want nil", *got)
	}
}

func TestIndexedHashes(t *testing.T) {
	jsonReq := httptest.NewRequest(http.MethodPatch, "/", strings.NewReader(
		`{"fields_attributes":[{"name":"web","value":"https://a.example"},{"name":"pronouns","value":"they"}]}`))
	jsonReq.Header.Set("Content-Type", "application/json")
	formReq := httptest.NewRequest(http.MethodPatch, "/", strings.NewReader(url.Values{
		"fields_attributes[1][name]": {"pronouns"}, "fields_attributes[1][value]": {"they"},
		"fields_attributes[0][name]": {"web"}, "fields_attributes[0][value]": {"https://a.example"},
	}.Encode()))
	formReq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for name, r := range map[string]*http.Request{"json": jsonReq, "form": formReq} {
		v, err := params.Read(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got [][2]string
		for _, f := range v.Indexed("fields_attributes") {
			got = append(got, [2]string{f.Get("name"), f.Get("value")})
		}
		want := [][2]string{{"web", "https://a.example"}, {"pronouns", "they"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: fields %v, want %v", name, got, want)
		}
	}
}

func TestMalformedBodies(t *testing.T) {
	for _, body := range []string{`{"status":`, `["not an object"]`, `{"a":1} {"b":2}`, strings.Repeat(`{"a":`, 20) + "1" + strings.Repeat("}", 20)} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if _, err := params.Read(r); !errors.Is(err, params.ErrMalformed) {
			t.Errorf("body %.30q: err = %v, want ErrMalformed", body, err)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Content-Type", "application/json")
	if _, err := params.Read(r); err != nil {
		t.Errorf("empty JSON body: %v, want no parameters", err)
	}
}

func TestIDsDropBlanks(t *testing.T) {
	v := params.Of(url.Values{"media_ids[]": {""}, "id[]": {"a", " ", "b"}, "poll[options][]": {"x", ""}})
	if got := v.IDs("media_ids"); len(got) != 0 {
		t.Errorf("media_ids[]= gave %q, want no IDs", got)
	}
	if got := v.IDs("id"); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("IDs = %q", got)
	}
	// Other lists keep blank items for the domain to judge.
	if got := v.Sub("poll").Strings("options"); !reflect.DeepEqual(got, []string{"x", ""}) {
		t.Errorf("poll options = %q", got)
	}
}

func TestInt(t *testing.T) {
	v := params.Of(url.Values{"n": {"42"}, "bad": {"forty"}})
	if n, err := v.Int("n"); err != nil || n == nil || *n != 42 {
		t.Errorf("Int(42) = %v, %v", n, err)
	}
	if _, err := v.Int("bad"); err == nil {
		t.Error("Int(forty) succeeded; want a validation error")
	}
	if n, err := v.Int("absent"); n != nil || err != nil {
		t.Errorf("Int(absent) = %v, %v; want nil, nil", n, err)
	}
}

func ptr(b bool) *bool { return &b }

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// A DELETE carries its parameters in any encoding a POST may, as Rails reads them:
// DELETE /api/v1/lists/:id/accounts with account_ids[] in a form is what apps send.
func TestDeleteBodiesReadLikePost(t *testing.T) {
	want := []string{"a1", "a2"}
	form := url.Values{"account_ids[]": want}
	formReq := httptest.NewRequest(http.MethodDelete, "/api/v1/lists/1/accounts", strings.NewReader(form.Encode()))
	formReq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	jsonReq := httptest.NewRequest(http.MethodDelete, "/api/v1/lists/1/accounts", strings.NewReader(`{"account_ids":["a1","a2"]}`))
	jsonReq.Header.Set("Content-Type", "application/json")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("account_ids[]", "a1")
	mw.WriteField("account_ids[]", "a2")
	mw.Close()
	multiReq := httptest.NewRequest(http.MethodDelete, "/api/v1/lists/1/accounts", &body)
	multiReq.Header.Set("Content-Type", mw.FormDataContentType())
	queryReq := httptest.NewRequest(http.MethodDelete, "/api/v1/lists/1/accounts?"+form.Encode(), nil)

	for name, r := range map[string]*http.Request{"form": formReq, "json": jsonReq, "multipart": multiReq, "query": queryReq} {
		t.Run(name, func(t *testing.T) {
			v, err := params.Read(r)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.IDs("account_ids"); !reflect.DeepEqual(got, want) {
				t.Errorf("account_ids = %v, want %v", got, want)
			}
			if r.Method != http.MethodDelete {
				t.Errorf("the request's method became %s", r.Method)
			}
		})
	}
}
