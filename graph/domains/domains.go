// Package domains answers the instance-wide question "does this server federate with
// that domain?" from the moderators' domain blocks. A block covers the domain and all
// its subdomains, as on Mastodon and GoToSocial: blocking example.com also blocks
// media.example.com. Inbound deliveries, outbound deliveries and remote fetches all ask
// here, so a block takes effect everywhere at once.
package domains

import (
	"context"
	"fmt"
	"strings"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/domainblock"
)

// Suspended reports whether moderators suspended domain (or a parent of it): nothing
// is accepted from it and nothing is sent to it.
func Suspended(ctx context.Context, c *ent.Client, domain string) (bool, error) {
	candidates := Parents(domain)
	if len(candidates) == 0 {
		return false, nil
	}
	ok, err := c.DomainBlock.Query().Where(
		domainblock.DomainIn(candidates...),
		domainblock.SeverityEQ(domainblock.SeveritySUSPEND),
	).Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("check domain block of %s: %w", domain, err)
	}
	return ok, nil
}

// Parents lists domain and each parent domain of it with at least two labels, lower
// case and without a port: a.b.example.com → a.b.example.com, b.example.com, example.com.
func Parents(domain string) []string {
	d := strings.ToLower(strings.TrimSuffix(domain, "."))
	if h, _, ok := strings.Cut(d, ":"); ok {
		d = h
	}
	if d == "" {
		return nil
	}
	out := []string{d}
	for {
		_, rest, ok := strings.Cut(d, ".")
		if !ok || !strings.Contains(rest, ".") {
			return out
		}
		out = append(out, rest)
		d = rest
	}
}
