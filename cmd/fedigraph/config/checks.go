package config

import (
	"cmp"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// The checks below run on a parsed value; their messages complete the
// sentence "invalid value X for option (ENV): …".

func oneOf(allowed ...string) func(string) error {
	return func(s string) error {
		if slices.Contains(allowed, s) {
			return nil
		}
		return fmt.Errorf("must be one of %s", strings.Join(allowed, ", "))
	}
}

func atLeast[T cmp.Ordered](low T) func(T) error {
	return func(v T) error {
		if v < low {
			return fmt.Errorf("must be at least %v", low)
		}
		return nil
	}
}

func between(low, high int) func(int) error {
	return func(v int) error {
		if v < low || v > high {
			return fmt.Errorf("must be between %d and %d", low, high)
		}
		return nil
	}
}

func notEmpty(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("must not be empty")
	}
	return nil
}

// hostName accepts a domain (with an optional port, for local testing) but
// not a URL: a scheme or path here would end up inside every actor ID.
func hostName(s string) error {
	u, err := url.Parse("//" + s)
	if s == "" || err != nil || u.Host != s || strings.ContainsAny(s, " @") {
		return errors.New("must be a domain name such as example.org, without scheme or path")
	}
	return nil
}

// optionalHostName is hostName that also allows "" (meaning: use host).
func optionalHostName(s string) error {
	if s == "" {
		return nil
	}
	return hostName(s)
}

// listenAddress accepts an IP address or a host name, but no port: the port
// has its own option.
func listenAddress(s string) error {
	if _, err := netip.ParseAddr(s); err == nil {
		return nil
	}
	if s == "" || strings.ContainsAny(s, ":/ ") {
		return errors.New("must be an IP address or host name, without a port")
	}
	return nil
}

func languageTags(tags []string) error {
	for _, tag := range tags {
		if _, err := language.Parse(tag); err != nil {
			return fmt.Errorf("%q is not a BCP 47 language tag such as en or pt-BR", tag)
		}
	}
	return nil
}
