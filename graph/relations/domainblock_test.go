package relations_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/ent/accountdomainblock"
	"github.com/fedigraph/fedigraph/ent/follow"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

func TestNormalizeDomain(t *testing.T) {
	cases := []struct{ in, want string }{
		{"example.com", "example.com"},
		{" Example.COM. ", "example.com"},
		{"bücher.example", "xn--bcher-kva.example"},
		{"", ""},
		{"localhost", ""},
		{"bad domain.example", ""},
	}
	for _, c := range cases {
		got, err := relations.NormalizeDomain(c.in)
		if c.want == "" {
			if !apperr.Is(err, apperr.BadInput) {
				t.Errorf("NormalizeDomain(%q) = %q, %v; want a validation error", c.in, got, err)
			}
			continue
		}
		if got != c.want || err != nil {
			t.Errorf("NormalizeDomain(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestBlockDomain(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		fan := r.remote("fan", "spam.example")
		asker := r.remote("asker", "spam.example")
		idol := r.remote("idol", "spam.example")
		neighbour := r.remote("neighbour", "fine.example")
		r.ok(r.svc.Follow(r.ctx, fan.ID, alice.ID, relations.FollowOptions{}))
		r.ok(r.svc.Follow(r.ctx, neighbour.ID, alice.ID, relations.FollowOptions{}))
		db.FollowRequest.Create().SetAccountID(asker.ID).SetTargetAccountID(alice.ID).ExecX(r.ctx)
		// A follow of a remote account is a request until its server accepts.
		r.ok(r.svc.Follow(r.ctx, alice.ID, idol.ID, relations.FollowOptions{}))
		r.ok(r.svc.AcceptFollowRequest(r.ctx, idol.ID, alice.ID))

		if err := r.svc.BlockDomain(r.ctx, alice.ID, "SPAM.example"); err != nil {
			t.Fatal(err)
		}
		// Twice is fine.
		if err := r.svc.BlockDomain(r.ctx, alice.ID, "spam.example."); err != nil {
			t.Fatal(err)
		}
		if n := r.count(r.svc.DomainBlocks(alice.ID)); n != 1 {
			t.Errorf("%d domain blocks, want 1", n)
		}
		// The domain's followers and requests are gone; alice's own follow stays.
		if rel := r.rel(alice, fan); rel.FollowedBy || !rel.DomainBlocking {
			t.Errorf("alice and fan: %+v, want no follow and domain_blocking", rel)
		}
		if rel := r.rel(alice, asker); rel.RequestedBy {
			t.Error("the request from the blocked domain is still pending")
		}
		if rel := r.rel(alice, idol); !rel.Following {
			t.Error("alice's own follow into the blocked domain was removed")
		}
		if rel := r.rel(alice, neighbour); !rel.FollowedBy || rel.DomainBlocking {
			t.Errorf("a follower on another domain: %+v", rel)
		}
		r.wantCounts(alice, 1, 1)
		// No new follows into the blocked domain.
		_, err := r.svc.Follow(r.ctx, alice.ID, fan.ID, relations.FollowOptions{})
		wantCode(t, err, apperr.Forbidden)

		if err := r.svc.UnblockDomain(r.ctx, alice.ID, "spam.example"); err != nil {
			t.Fatal(err)
		}
		if rel := r.rel(alice, fan); rel.DomainBlocking || rel.FollowedBy {
			t.Errorf("after unblocking: %+v, want no block and the follower still gone", rel)
		}
		if err := r.svc.UnblockDomain(r.ctx, alice.ID, "spam.example"); err != nil {
			t.Errorf("unblock again: %v", err)
		}
		if n := r.count(db.Follow.Query().Where(follow.TargetAccountID(alice.ID))); n != 1 {
			t.Errorf("alice has %d followers, want 1", n)
		}
	})
}

func TestBlockDomainRefusals(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		alice := r.local("alice")
		for _, d := range []string{"", "fedi.test", "FEDI.test.", "not a domain"} {
			wantCode(t, r.svc.BlockDomain(r.ctx, alice.ID, d), apperr.BadInput)
		}
		if n := r.count(db.AccountDomainBlock.Query().Where(accountdomainblock.AccountID(alice.ID))); n != 0 {
			t.Errorf("%d domain blocks stored, want none", n)
		}
	})
}
