package domains_test

import (
	"context"
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/ent/domainblock"
	"github.com/fedigraph/fedigraph/graph/domains"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestParents(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a.b.example.com", []string{"a.b.example.com", "b.example.com", "example.com"}},
		{"Example.COM.", []string{"example.com"}},
		{"example.com:8080", []string{"example.com"}},
		{"localhost", []string{"localhost"}},
		{"", nil},
	} {
		if got := domains.Parents(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Parents(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSuspendedCoversSubdomains(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.DomainBlock.Create().SetDomain("evil.example").SetSeverity(domainblock.SeveritySUSPEND).ExecX(ctx)
		db.DomainBlock.Create().SetDomain("loud.example").SetSeverity(domainblock.SeveritySILENCE).ExecX(ctx)
		for domain, want := range map[string]bool{
			"evil.example": true, "media.evil.example": true, "EVIL.example": true,
			"notevil.example": false, "loud.example": false, "good.example": false,
		} {
			got, err := domains.Suspended(ctx, db.Client, domain)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("Suspended(%q) = %v, want %v", domain, got, want)
			}
		}
	})
}
