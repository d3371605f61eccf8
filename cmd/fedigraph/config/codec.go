package config

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
)

// A codec turns what a user wrote into a typed value and back.
//
// A raw value comes as a string from the environment, a flag or a default,
// and as whatever YAML decoded (int, bool, list…) from the file, so every
// parse accepts both.
type codec[T any] struct {
	// flagType names the value in --help, as pflag's own types do.
	flagType string
	parse    func(raw any) (T, error)
	// format gives the plain value printed in YAML or JSON.
	format func(T) any
}

var text = codec[string]{
	flagType: "string",
	parse: func(raw any) (string, error) {
		switch v := raw.(type) {
		case nil:
			return "", nil
		case string:
			return v, nil
		}
		// YAML reads `db-password: 0123` as a number; taking it silently
		// would lose the leading zero, so ask for quotes instead.
		return "", errors.New("must be text; put it in quotes")
	},
	format: func(s string) any { return s },
}

var integer = codec[int]{
	flagType: "int",
	parse: func(raw any) (int, error) {
		switch v := raw.(type) {
		case int:
			return v, nil
		case string:
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err == nil {
				return n, nil
			}
		}
		return 0, errors.New("must be a whole number")
	},
	format: func(n int) any { return n },
}

var boolean = codec[bool]{
	flagType: "bool",
	parse: func(raw any) (bool, error) {
		switch v := raw.(type) {
		case bool:
			return v, nil
		case string:
			b, err := strconv.ParseBool(strings.TrimSpace(v))
			if err == nil {
				return b, nil
			}
		}
		return false, errors.New("must be true or false")
	},
	format: func(b bool) any { return b },
}

var duration = codec[time.Duration]{
	flagType: "duration",
	parse: func(raw any) (time.Duration, error) {
		switch v := raw.(type) {
		case int:
			// A bare 0 is unambiguous; any other number lacks its unit.
			if v == 0 {
				return 0, nil
			}
		case string:
			d, err := time.ParseDuration(strings.TrimSpace(v))
			if err == nil {
				return d, nil
			}
		}
		return 0, errors.New("must be a duration with a unit, such as 30s, 5m or 24h")
	},
	format: func(d time.Duration) any { return d.String() },
}

// ByteSize is a number of bytes. Users may write it as a plain number or
// with a unit ("40MiB", "2 GB").
type ByteSize int64

// String gives the size in the largest binary unit that divides it exactly,
// in a form that ParseBytes reads back.
func (s ByteSize) String() string {
	for _, unit := range []struct {
		name string
		size ByteSize
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if s != 0 && s%unit.size == 0 {
			return strconv.FormatInt(int64(s/unit.size), 10) + unit.name
		}
	}
	return strconv.FormatInt(int64(s), 10)
}

var size = codec[ByteSize]{
	flagType: "bytes",
	parse: func(raw any) (ByteSize, error) {
		switch v := raw.(type) {
		case int:
			if v >= 0 {
				return ByteSize(v), nil
			}
		case string:
			n, err := humanize.ParseBytes(strings.TrimSpace(v))
			if err == nil && n <= 1<<62 {
				return ByteSize(n), nil
			}
		}
		return 0, errors.New("must be a size such as 40MiB, 2GB or a number of bytes")
	},
	format: func(s ByteSize) any { return s.String() },
}

var list = codec[[]string]{
	flagType: "strings",
	parse:    parseList,
	format:   func(l []string) any { return nonNil(l) },
}

var networks = codec[[]netip.Prefix]{
	flagType: "cidrs",
	parse: func(raw any) ([]netip.Prefix, error) {
		items, err := parseList(raw)
		if err != nil {
			return nil, err
		}
		prefixes := make([]netip.Prefix, 0, len(items))
		for _, item := range items {
			p, err := parsePrefix(item)
			if err != nil {
				return nil, err
			}
			prefixes = append(prefixes, p)
		}
		return prefixes, nil
	},
	format: func(ps []netip.Prefix) any {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.String()
		}
		return out
	},
}

// parseList accepts a YAML list, or a comma-separated string as environment
// variables and flags give it. Blank items are dropped.
func parseList(raw any) ([]string, error) {
	var items []string
	switch v := raw.(type) {
	case nil:
	case string:
		items = strings.Split(v, ",")
	case []any:
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return nil, fmt.Errorf("list item %v must be text", item)
			}
			items = append(items, s)
		}
	default:
		return nil, errors.New("must be a list")
	}
	out := []string{}
	for _, item := range items {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out, nil
}

// parsePrefix reads a CIDR, or a single address as the network holding
// only that address (so "::1" works as GoToSocial users expect).
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8 or fd00::/8", s)
		}
		return p, nil
	}
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address or CIDR", s)
	}
	return netip.PrefixFrom(addr, addr.BitLen()), nil
}

// nonNil makes an empty list print as [] rather than null.
func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
