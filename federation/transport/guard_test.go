package transport

import (
	"errors"
	"net/netip"
	"testing"
)

func TestGuardAddresses(t *testing.T) {
	def := &guard{}
	for _, tc := range []struct {
		ip      string
		allowed bool
	}{
		{"8.8.8.8", true},
		{"1.1.1.1", true},
		{"2606:4700:4700::1111", true},
		{"64:ff9b::808:808", true}, // NAT64 for 8.8.8.8
		{"::ffff:8.8.8.8", true},

		{"127.0.0.1", false},
		{"127.1.2.3", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"172.31.255.255", false},
		{"192.168.1.1", false},
		{"100.64.0.1", false},
		{"100.127.255.254", false},
		{"169.254.169.254", false}, // cloud metadata
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"192.0.0.8", false},
		{"192.0.2.1", false},
		{"198.18.0.1", false},
		{"198.51.100.7", false},
		{"203.0.113.9", false},
		{"224.0.0.1", false},
		{"239.255.255.250", false},
		{"240.0.0.1", false},
		{"255.255.255.255", false},
		{"::", false},
		{"::1", false},
		{"::ffff:127.0.0.1", false}, // IPv4-mapped
		{"::ffff:10.0.0.1", false},
		{"::127.0.0.1", false}, // IPv4-compatible
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"fe80::1", false},
		{"fe80::1%eth0", false},
		{"fec0::1", false},
		{"ff02::1", false},
		{"100::1", false},
		{"64:ff9b::7f00:1", false}, // NAT64 for 127.0.0.1
		{"64:ff9b:1::1", false},
		{"2001:db8::1", false},
		{"2001::1", false},        // Teredo
		{"2002:7f00:1::1", false}, // 6to4 around 127.0.0.1
		{"3fff::1", false},
	} {
		err := def.check(netip.MustParseAddr(tc.ip))
		if tc.allowed != (err == nil) {
			t.Errorf("%s: err = %v, want allowed=%v", tc.ip, err, tc.allowed)
		}
		if err != nil && !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%s: err = %v, not ErrForbiddenAddress", tc.ip, err)
		}
	}
}

func TestGuardAllowAndBlock(t *testing.T) {
	p := netip.MustParsePrefix
	g := &guard{
		allow: []netip.Prefix{p("127.0.0.0/8"), p("10.0.0.0/8"), p("fd00::/8")},
		block: []netip.Prefix{p("10.9.0.0/16"), p("8.8.4.0/24")},
	}
	for _, tc := range []struct {
		ip      string
		allowed bool
	}{
		{"127.0.0.1", true},
		{"::ffff:127.0.0.1", true},
		{"10.1.1.1", true},
		{"fd00::5", true},
		{"10.9.1.1", false},         // block beats allow
		{"8.8.4.4", false},          // block beats public
		{"64:ff9b::808:404", false}, // blocked through NAT64 too
		{"8.8.8.8", true},
		{"192.168.0.1", false},
	} {
		if err := g.check(netip.MustParseAddr(tc.ip)); tc.allowed != (err == nil) {
			t.Errorf("%s: err = %v, want allowed=%v", tc.ip, err, tc.allowed)
		}
	}
	if err := g.control("udp4", "127.0.0.1:53", nil); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("udp dial: err = %v", err)
	}
}
