package transport

import (
	"fmt"
	"net/netip"
	"syscall"
)

// guard decides, at dial time, whether an address may be connected to.
type guard struct {
	allow []netip.Prefix
	block []netip.Prefix
}

// control is a net.Dialer.Control: it runs after DNS resolution, for every
// address tried, including those reached through redirects.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	if network != "tcp4" && network != "tcp6" {
		return fmt.Errorf("%w: network %s", ErrForbiddenAddress, network)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrForbiddenAddress, address, err)
	}
	return g.check(ap.Addr())
}

// check applies BlockIPs, then AllowIPs, then the built-in reserved ranges.
func (g *guard) check(ip netip.Addr) error {
	ip = ip.WithZone("").Unmap()
	candidates := []netip.Addr{ip}
	if v4, ok := nat64Embedded(ip); ok {
		candidates = append(candidates, v4)
	}
	for _, p := range g.block {
		for _, c := range candidates {
			if p.Contains(c) {
				return fmt.Errorf("%w: %s is blocked", ErrForbiddenAddress, ip)
			}
		}
	}
	for _, p := range g.allow {
		if p.Contains(ip) {
			return nil
		}
	}
	if !isPublic(ip) {
		return fmt.Errorf("%w: %s is not a public address", ErrForbiddenAddress, ip)
	}
	return nil
}

// Reserved IPv4 ranges (IANA special-purpose registry) that are not
// reachable servers on the public internet.
var reservedV4 = prefixes(
	"0.0.0.0/8",          // "this network"
	"10.0.0.0/8",         // private
	"100.64.0.0/10",      // carrier-grade NAT
	"127.0.0.0/8",        // loopback
	"169.254.0.0/16",     // link-local, cloud metadata
	"172.16.0.0/12",      // private
	"192.0.0.0/24",       // IETF protocol assignments
	"192.0.2.0/24",       // documentation
	"192.88.99.0/24",     // 6to4 relay anycast
	"192.168.0.0/16",     // private
	"198.18.0.0/15",      // benchmarking
	"198.51.100.0/24",    // documentation
	"203.0.113.0/24",     // documentation
	"224.0.0.0/4",        // multicast
	"240.0.0.0/4",        // reserved, broadcast
	"255.255.255.255/32", // broadcast
)

// IPv6 is public only inside 2000::/3 (global unicast), minus these.
// Everything else — ::, ::1, IPv4-compatible, fc00::/7 ULA, fe80::/10,
// ff00::/8 multicast, 100::/64 discard — falls outside 2000::/3.
var (
	globalV6   = netip.MustParsePrefix("2000::/3")
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
	reservedV6 = prefixes(
		"2001::/23",     // IETF protocol assignments (Teredo, benchmarking, ORCHID)
		"2001:db8::/32", // documentation
		"2002::/16",     // 6to4, embeds arbitrary IPv4
		"3fff::/20",     // documentation
	)
)

func isPublic(ip netip.Addr) bool {
	if !ip.IsValid() {
		return false
	}
	if ip.Is4() {
		return !containedIn(reservedV4, ip)
	}
	if v4, ok := nat64Embedded(ip); ok {
		// On IPv6-only hosts with DNS64 every IPv4 server looks like this;
		// judge the address it translates to.
		return isPublic(v4)
	}
	return globalV6.Contains(ip) && !containedIn(reservedV6, ip)
}

// nat64Embedded returns the IPv4 address inside a well-known-prefix NAT64
// address (RFC 6052).
func nat64Embedded(ip netip.Addr) (netip.Addr, bool) {
	if !ip.Is6() || !nat64.Contains(ip) {
		return netip.Addr{}, false
	}
	b := ip.As16()
	return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}), true
}

func containedIn(ps []netip.Prefix, ip netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}
