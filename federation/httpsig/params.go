package httpsig

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Bounds on the work one request can cause before any key is fetched. A
// real signature header is a few hundred bytes (an 8192-bit RSA signature
// is 1368 base64 characters), so 8 KiB leaves room for long keyIds.
const (
	maxSignatureHeaderLen = 8 << 10
	maxSignedHeaders      = 32
)

// sigParams is a parsed signature header.
type sigParams struct {
	keyID      string
	algorithm  string   // lower-cased; "" when absent
	headers    []string // lower-cased, in signing order
	signature  string   // base64, as sent
	created    int64
	expires    int64
	hasCreated bool
	hasExpires bool
}

func (p *sigParams) signs(name string) bool {
	for _, h := range p.headers {
		if h == name {
			return true
		}
	}
	return false
}

// canonical renders the parameters in the one form go-fed's parser reads
// unambiguously (it splits on every comma and does not trim spaces), so
// go-fed verifies exactly what this package checked.
func (p *sigParams) canonical() string {
	var b strings.Builder
	b.WriteString(`keyId="`)
	b.WriteString(p.keyID)
	b.WriteString(`",algorithm="hs2019",`)
	if p.hasCreated {
		b.WriteString("created=" + strconv.FormatInt(p.created, 10) + ",")
	}
	if p.hasExpires {
		b.WriteString("expires=" + strconv.FormatInt(p.expires, 10) + ",")
	}
	b.WriteString(`headers="`)
	b.WriteString(strings.Join(p.headers, " "))
	b.WriteString(`",signature="`)
	b.WriteString(p.signature)
	b.WriteString(`"`)
	return b.String()
}

// findSignature returns the raw signature parameters from the Signature
// header or, failing that, from "Authorization: Signature …".
func findSignature(h http.Header) (raw string, fromAuthorization bool, err error) {
	switch vals := h.Values("Signature"); {
	case len(vals) > 1:
		return "", false, fmt.Errorf("%w: more than one Signature header", ErrMalformed)
	case len(vals) == 1:
		raw = vals[0]
	default:
		auth := h.Get("Authorization")
		scheme, rest, _ := strings.Cut(strings.TrimSpace(auth), " ")
		if !strings.EqualFold(scheme, "Signature") {
			return "", false, ErrUnsigned
		}
		raw, fromAuthorization = rest, true
	}
	if len(raw) > maxSignatureHeaderLen {
		return "", false, fmt.Errorf("%w: signature header of %d bytes", ErrMalformed, len(raw))
	}
	if strings.TrimSpace(raw) == "" {
		return "", false, fmt.Errorf("%w: empty signature header", ErrMalformed)
	}
	return raw, fromAuthorization, nil
}

// parseSignature parses `name="value", name=token, …` (RFC 9110 auth-params).
func parseSignature(s string) (*sigParams, error) {
	p := &sigParams{}
	seen := map[string]bool{}
	i := 0
	for {
		i = skipOWSAndCommas(s, i)
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && isTokenChar(s[i]) {
			i++
		}
		name := s[start:i]
		if name == "" || i >= len(s) || s[i] != '=' {
			return nil, fmt.Errorf("%w: bad parameter at byte %d", ErrMalformed, start)
		}
		i++
		var value string
		if i < len(s) && s[i] == '"' {
			var err error
			value, i, err = readQuoted(s, i)
			if err != nil {
				return nil, err
			}
		} else {
			start := i
			for i < len(s) && (isTokenChar(s[i]) || s[i] == '=') {
				i++
			}
			value = s[start:i]
		}
		// After a value: optional whitespace, then a comma or the end.
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i < len(s) && s[i] != ',' {
			return nil, fmt.Errorf("%w: expected ',' at byte %d", ErrMalformed, i)
		}
		if seen[name] {
			// Two values for one parameter would let two parsers disagree.
			return nil, fmt.Errorf("%w: parameter %q given twice", ErrMalformed, name)
		}
		seen[name] = true
		if err := p.set(name, value); err != nil {
			return nil, err
		}
	}
	if p.keyID == "" {
		return nil, fmt.Errorf("%w: no keyId", ErrMalformed)
	}
	if p.signature == "" {
		return nil, fmt.Errorf("%w: no signature", ErrMalformed)
	}
	if !seen["headers"] {
		p.headers = []string{"date"} // the draft's default
	}
	return p, nil
}

func (p *sigParams) set(name, value string) error {
	var err error
	switch name {
	case "keyId":
		// A comma or quote would not survive go-fed's parser; no real
		// keyId has one.
		if strings.ContainsAny(value, ",\"") || hasControl(value) {
			return fmt.Errorf("%w: keyId has a forbidden character", ErrMalformed)
		}
		p.keyID = value
	case "algorithm":
		p.algorithm = strings.ToLower(value)
	case "signature":
		if _, err := base64.StdEncoding.DecodeString(value); err != nil {
			return fmt.Errorf("%w: signature is not base64", ErrMalformed)
		}
		p.signature = value
	case "headers":
		fields := strings.Fields(strings.ToLower(value))
		if len(fields) == 0 {
			return fmt.Errorf("%w: empty headers list", ErrMalformed)
		}
		if len(fields) > maxSignedHeaders {
			return fmt.Errorf("%w: %d signed headers", ErrMalformed, len(fields))
		}
		for _, f := range fields {
			if !validHeaderName(f) {
				return fmt.Errorf("%w: bad header name %q", ErrMalformed, f)
			}
		}
		p.headers = fields
	case "created":
		p.created, err = strconv.ParseInt(value, 10, 64)
		p.hasCreated = true
	case "expires":
		p.expires, err = strconv.ParseInt(value, 10, 64)
		p.hasExpires = true
	}
	if err != nil {
		return fmt.Errorf("%w: %s is not a Unix time", ErrMalformed, name)
	}
	return nil
}

func readQuoted(s string, i int) (string, int, error) {
	i++ // opening quote
	var b strings.Builder
	for i < len(s) {
		c := s[i]
		switch c {
		case '"':
			return b.String(), i + 1, nil
		case '\\':
			if i+1 >= len(s) {
				return "", 0, fmt.Errorf("%w: dangling escape", ErrMalformed)
			}
			i++
			c = s[i]
		}
		b.WriteByte(c)
		i++
	}
	return "", 0, fmt.Errorf("%w: unterminated quoted string", ErrMalformed)
}

func skipOWSAndCommas(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == ',') {
		i++
	}
	return i
}

// isTokenChar reports RFC 9110 tchar, plus '/' so that unquoted base64
// values parse too (their '=' padding is accepted where values are read).
func isTokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~/", c) >= 0
}

func validHeaderName(h string) bool {
	switch h {
	case "(request-target)", "(created)", "(expires)":
		return true
	}
	for i := 0; i < len(h); i++ {
		if !isTokenChar(h[i]) || h[i] == '/' {
			return false
		}
	}
	return true
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}
