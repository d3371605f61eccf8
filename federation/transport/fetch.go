package transport

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/fedigraph/fedigraph/federation/httpsig"
)

// Response is a successful (2xx) response with its body read.
type Response struct {
	Body        []byte
	ContentType string
	FinalURL    string // after redirects: compare its host with the fetched object's id
	StatusCode  int
}

// FetchOptions tune one GET.
type FetchOptions struct {
	// Signer signs the request (authorized fetch); nil sends it unsigned.
	Signer *httpsig.Signer
	// Accept header, e.g. `application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`.
	Accept string
	// MaxBodyBytes lowers (never raises) Config.MaxBodyBytes for this request.
	MaxBodyBytes int64
}

// Get fetches url, signed by signer when non-nil (authorized fetch), with
// the given Accept header. Non-2xx answers are *StatusError.
func (c *Client) Get(ctx context.Context, url string, signer *httpsig.Signer, accept string) (*Response, error) {
	return c.Fetch(ctx, url, FetchOptions{Signer: signer, Accept: accept})
}

// Fetch is Get with options.
func (c *Client) Fetch(ctx context.Context, rawURL string, opts FetchOptions) (*Response, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	limit := c.cfg.MaxBodyBytes
	if opts.MaxBodyBytes > 0 && opts.MaxBodyBytes < limit {
		limit = opts.MaxBodyBytes
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	if opts.Signer != nil {
		ctx = context.WithValue(ctx, signerKey{}, opts.Signer)
	}

	resp, err := c.get(ctx, u, opts, true)
	if err != nil {
		return nil, err
	}
	// Servers that verify (request-target) without the query string refuse
	// a signature over it; GoToSocial retries those once the same way.
	if resp.StatusCode == http.StatusUnauthorized && opts.Signer != nil && u.RawQuery != "" {
		discard(resp)
		if resp, err = c.get(ctx, u, opts, false); err != nil {
			return nil, err
		}
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		discard(resp)
		return nil, statusError(rawURL, resp)
	}
	body, err := readBody(resp, limit)
	if err != nil {
		return nil, fmt.Errorf("transport: GET %s: %w", u.Redacted(), err)
	}
	return &Response{
		Body:        body,
		ContentType: resp.Header.Get("Content-Type"),
		FinalURL:    resp.Request.URL.String(),
		StatusCode:  resp.StatusCode,
	}, nil
}

func (c *Client) get(ctx context.Context, u *url.URL, opts FetchOptions, signQuery bool) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if opts.Accept != "" {
		req.Header.Set("Accept", opts.Accept)
	}
	if opts.Signer != nil {
		sign := opts.Signer.SignRequest
		if !signQuery {
			sign = opts.Signer.SignRequestOmitQuery
		}
		if err := sign(req, nil); err != nil {
			return nil, fmt.Errorf("transport: %w", err)
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("transport: %w", err)
	}
	return resp, nil
}

// readBody reads at most limit bytes, failing with ErrTooLarge (after
// reading no more than limit+1) when the body is longer.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: Content-Length %d > %d", ErrTooLarge, resp.ContentLength, limit)
	}
	var buf bytes.Buffer
	if resp.ContentLength >= 0 {
		buf.Grow(int(resp.ContentLength) + 1)
	}
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return buf.Bytes(), nil
}

// discard reads a little of an unwanted body so the connection can be
// reused, then closes it.
func discard(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}
