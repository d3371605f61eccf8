package transport

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/fedigraph/fedigraph/federation/httpsig"
)

// Post delivers body (an activity) to inbox, signed (always). 2xx → nil;
// anything else is a *StatusError (redirects are not followed: a 3xx is
// returned as one). Pass the error to Retryable to decide on a retry.
func (c *Client) Post(ctx context.Context, inbox string, signer *httpsig.Signer, contentType string, body []byte) error {
	if signer == nil {
		return ErrUnsigned
	}
	u, err := parseURL(inbox)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	if body == nil {
		body = []byte{} // a nil body would be signed as a GET, without digest
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Content-Type", contentType)
	if err := signer.SignRequest(req, body); err != nil {
		return fmt.Errorf("transport: %w", err)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("transport: %w", err)
	}
	defer discard(resp)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return statusError(inbox, resp)
	}
	return nil
}
