package transport

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"

	"github.com/fedigraph/fedigraph/federation/httpsig"
)

// Defaults for the zero values in Config.
const (
	DefaultTimeout               = 30 * time.Second
	DefaultMaxBodyBytes          = 8 << 20
	DefaultMaxRedirects          = 5
	DefaultDialTimeout           = 10 * time.Second
	DefaultTLSHandshakeTimeout   = 10 * time.Second
	DefaultResponseHeaderTimeout = 20 * time.Second
	DefaultMaxIdleConnsPerHost   = 4
	DefaultUserAgent             = "fedigraph"
)

// Config configures a Client. Zero values mean the defaults above.
type Config struct {
	// AllowIPs are ranges allowed even though private or loopback
	// (GoToSocial's http-client.allow-ips). Tests allow 127.0.0.0/8.
	AllowIPs []netip.Prefix
	// BlockIPs are ranges always refused, even inside AllowIPs.
	BlockIPs []netip.Prefix
	// Timeout bounds a whole request, body included. Default 30s.
	Timeout time.Duration
	// MaxBodyBytes caps response bodies. Default 8 MiB; FetchOptions can
	// lower it per request (actor documents, WebFinger).
	MaxBodyBytes int64
	// UserAgent, e.g. "fedigraph/0.1 (+https://host/)".
	UserAgent string
	// MaxRedirects a GET follows. Default 5; negative means none.
	MaxRedirects int

	// DialTimeout bounds connecting (per address). Default 10s.
	DialTimeout time.Duration
	// TLSHandshakeTimeout. Default 10s.
	TLSHandshakeTimeout time.Duration
	// ResponseHeaderTimeout bounds the wait for response headers after the
	// request is written. Default 20s.
	ResponseHeaderTimeout time.Duration
	// MaxIdleConnsPerHost kept for reuse. Default 4.
	MaxIdleConnsPerHost int
	// MaxConnsPerHost limits connections to one host; 0 means no limit.
	MaxConnsPerHost int
	// TLSClientConfig, when set, replaces the default TLS settings (for
	// example to trust a private CA in tests).
	TLSClientConfig *tls.Config
}

func (cfg Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.Timeout, DefaultTimeout)
	def(&cfg.DialTimeout, DefaultDialTimeout)
	def(&cfg.TLSHandshakeTimeout, DefaultTLSHandshakeTimeout)
	def(&cfg.ResponseHeaderTimeout, DefaultResponseHeaderTimeout)
	// No stage may outlast the whole request.
	cfg.DialTimeout = min(cfg.DialTimeout, cfg.Timeout)
	cfg.TLSHandshakeTimeout = min(cfg.TLSHandshakeTimeout, cfg.Timeout)
	cfg.ResponseHeaderTimeout = min(cfg.ResponseHeaderTimeout, cfg.Timeout)
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	switch {
	case cfg.MaxRedirects == 0:
		cfg.MaxRedirects = DefaultMaxRedirects
	case cfg.MaxRedirects < 0:
		cfg.MaxRedirects = 0
	}
	if cfg.MaxIdleConnsPerHost <= 0 {
		cfg.MaxIdleConnsPerHost = DefaultMaxIdleConnsPerHost
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	return cfg
}

// Client sends federation requests. It is safe for concurrent use; make
// one per process and share it.
type Client struct {
	cfg    Config
	guard  *guard
	dialer *net.Dialer
	hc     *http.Client
}

// New returns a Client for cfg.
func New(cfg Config) *Client {
	cfg = cfg.withDefaults()
	c := &Client{cfg: cfg, guard: &guard{allow: cfg.AllowIPs, block: cfg.BlockIPs}}
	c.dialer = &net.Dialer{
		Timeout:   cfg.DialTimeout,
		KeepAlive: 30 * time.Second,
		Control:   c.guard.control,
	}
	tr := &http.Transport{
		Proxy:                  nil, // a proxy would hide the real address from the guard
		DialContext:            c.dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    cfg.TLSHandshakeTimeout,
		ResponseHeaderTimeout:  cfg.ResponseHeaderTimeout,
		ExpectContinueTimeout:  time.Second,
		IdleConnTimeout:        90 * time.Second,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    cfg.MaxIdleConnsPerHost,
		MaxConnsPerHost:        cfg.MaxConnsPerHost,
		MaxResponseHeaderBytes: 64 << 10,
		TLSClientConfig:        cfg.TLSClientConfig,
	}
	c.hc = &http.Client{
		Transport:     &userAgent{base: tr, ua: cfg.UserAgent},
		CheckRedirect: c.checkRedirect,
		Timeout:       cfg.Timeout,
	}
	return c
}

// HTTPClient returns the guarded *http.Client (SSRF guard, timeouts,
// redirect rules, User-Agent) for callers that need the raw response, such
// as media downloads. It does not cap bodies: read through
// io.LimitReader.
func (c *Client) HTTPClient() *http.Client { return c.hc }

// DialContext dials through the SSRF guard, for callers building their own
// http.Transport.
func (c *Client) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	return c.dialer.DialContext(ctx, network, addr)
}

// Dialer returns a copy of the guarded dialer (its Control is the SSRF
// guard), for callers that need a *net.Dialer rather than a function.
func (c *Client) Dialer() *net.Dialer {
	d := *c.dialer
	return &d
}

// CloseIdleConnections closes kept-alive connections, for shutdown.
func (c *Client) CloseIdleConnections() { c.hc.CloseIdleConnections() }

// CheckAddress reports whether the guard would let a connection to ip
// through (nil) or not (ErrForbiddenAddress).
func (c *Client) CheckAddress(ip netip.Addr) error { return c.guard.check(ip) }

// checkRedirect follows GET redirects only, re-validating and re-signing
// each hop: the Signature net/http copies from the first request covers the
// old target, not the new one.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if m := via[0].Method; m != http.MethodGet && m != http.MethodHead {
		return http.ErrUseLastResponse
	}
	if c.cfg.MaxRedirects == 0 {
		return http.ErrUseLastResponse
	}
	if len(via) > c.cfg.MaxRedirects {
		return fmt.Errorf("%w (%d)", ErrTooManyRedirects, len(via))
	}
	if err := validateURL(req.URL); err != nil {
		return err
	}
	if via[len(via)-1].URL.Scheme == "https" && req.URL.Scheme == "http" {
		return fmt.Errorf("%w: redirect from https to http", ErrBadURL)
	}
	req.Header.Del("Signature")
	if s, ok := req.Context().Value(signerKey{}).(*httpsig.Signer); ok && s != nil {
		req.Header.Del("Date")
		if err := s.SignRequest(req, nil); err != nil {
			return err
		}
	}
	return nil
}

type signerKey struct{}

// parseURL accepts absolute http(s) URLs without userinfo.
func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	if err := validateURL(u); err != nil {
		return nil, err
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

func validateURL(u *url.URL) error {
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%w: scheme %q", ErrBadURL, u.Scheme)
	case u.User != nil:
		return fmt.Errorf("%w: userinfo in URL", ErrBadURL)
	case u.Opaque != "" || u.Hostname() == "":
		return fmt.Errorf("%w: no host", ErrBadURL)
	}
	return nil
}

// userAgent sets the User-Agent on requests that have none.
type userAgent struct {
	base http.RoundTripper
	ua   string
}

func (t *userAgent) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("User-Agent") == "" {
		req = req.Clone(req.Context()) // a RoundTripper must not change its input
		req.Header.Set("User-Agent", t.ua)
	}
	return t.base.RoundTrip(req)
}
