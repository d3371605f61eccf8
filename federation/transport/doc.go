// Package transport is the one HTTP client every outgoing federation
// request goes through: object and actor fetches, WebFinger, deliveries to
// inboxes, and (through HTTPClient or DialContext) media downloads.
//
// It exists so that the rules for talking to untrusted servers live in one
// place:
//
//   - SSRF guard: the address is checked when the connection is dialled,
//     after DNS resolution (net.Dialer.Control), so DNS rebinding and
//     redirects cannot reach loopback, private, link-local, CGNAT,
//     multicast or otherwise reserved addresses unless Config.AllowIPs
//     names them; Config.BlockIPs is refused always. No proxy is used (the
//     guard would only see the proxy's address).
//   - Only http and https URLs without userinfo; no https→http redirects.
//   - Bounded time (dial, TLS handshake, response headers, whole request)
//     and bounded memory (response bodies past the cap fail with
//     ErrTooLarge after reading at most cap+1 bytes).
//   - GETs follow up to MaxRedirects redirects, signing each hop again;
//     POSTs never follow redirects.
//   - Non-2xx answers become *StatusError, and Retryable says which
//     failures a delivery queue should try again.
package transport
