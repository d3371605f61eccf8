package mastotest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// Form marks a body to send form-encoded, as most Mastodon apps do; any other non-nil
// body but a string is sent as JSON, and a string is sent as it is, labelled JSON.
type Form = url.Values

// Multipart is a body sent as multipart/form-data, as apps upload files: fields, and
// files by field name.
type Multipart struct {
	Fields url.Values
	Files  map[string]File
}

// File is an uploaded file: its name (which fedigraph ignores) and contents.
type File struct {
	Name string
	Data []byte
}

func (m Multipart) encode() (io.Reader, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range m.Fields {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for field, f := range m.Files {
		part, _ := w.CreateFormFile(field, f.Name)
		part.Write(f.Data)
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

// Call sends a request with the bearer token ("" for none). path may be an absolute
// URL on PublicBase, as Link headers give them.
func (s *Server) Call(method, path, token string, body any) Reply {
	s.T.Helper()
	path = strings.TrimPrefix(path, PublicBase)
	var rd io.Reader
	contentType := ""
	switch b := body.(type) {
	case nil:
	case Form:
		rd, contentType = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	case Multipart:
		rd, contentType = b.encode()
	case string:
		rd, contentType = strings.NewReader(b), "application/json"
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			s.T.Fatalf("encode body: %v", err)
		}
		rd, contentType = bytes.NewReader(raw), "application/json"
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		s.T.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		s.T.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return Reply{t: s.T, Request: method + " " + path, Status: resp.StatusCode, Header: resp.Header, Body: raw}
}

// Get sends a GET.
func (s *Server) Get(path, token string) Reply { return s.Call(http.MethodGet, path, token, nil) }

// Post sends a POST.
func (s *Server) Post(path, token string, body any) Reply {
	return s.Call(http.MethodPost, path, token, body)
}

// Put sends a PUT.
func (s *Server) Put(path, token string, body any) Reply {
	return s.Call(http.MethodPut, path, token, body)
}

// Delete sends a DELETE.
func (s *Server) Delete(path, token string, body any) Reply {
	return s.Call(http.MethodDelete, path, token, body)
}
