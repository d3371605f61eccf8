package auth_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/fedigraph/fedigraph/graph/auth"
)

func TestParseScopes(t *testing.T) {
	tests := []struct {
		in      string
		want    auth.Scopes
		wantErr bool
	}{
		{in: "read write follow push", want: auth.Scopes{"read", "write", "follow", "push"}},
		{in: "  read:statuses\twrite:media  ", want: auth.Scopes{"read:statuses", "write:media"}},
		{in: "admin:read:accounts admin:write:reports profile", want: auth.Scopes{"admin:read:accounts", "admin:write:reports", "profile"}},
		{in: "read read", want: auth.Scopes{"read"}},
		{in: "", want: nil},
		{in: "read delete", wantErr: true},
		{in: "READ", wantErr: true},
		{in: "read:", wantErr: true},
		{in: "admin", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := auth.ParseScopes(tt.in)
			if tt.wantErr {
				if !errors.Is(err, auth.ErrUnknownScope) {
					t.Fatalf("ParseScopes(%q) error = %v, want ErrUnknownScope", tt.in, err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("ParseScopes(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestScopesAllows(t *testing.T) {
	tests := []struct {
		granted  string
		required string
		want     bool
	}{
		{"read", "read", true},
		{"read", "read:statuses", true},
		{"read", "write:statuses", false},
		{"read:statuses", "read", false},
		{"read:statuses", "read:accounts", false},
		{"write", "write:media", true},
		{"follow", "read:follows", true},
		{"follow", "write:blocks", true},
		{"follow", "write:mutes", true},
		{"follow", "read:statuses", false},
		{"read", "admin:read", false},
		{"admin:read", "admin:read:accounts", true},
		{"admin:read", "admin:write:accounts", false},
		{"profile", "read:accounts", false},
		{"read write", "write:favourites", true},
		{"", "read", false},
	}
	for _, tt := range tests {
		t.Run(tt.granted+"→"+tt.required, func(t *testing.T) {
			s, err := auth.ParseScopes(tt.granted)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Allows(tt.required); got != tt.want {
				t.Errorf("%q.Allows(%q) = %v, want %v", tt.granted, tt.required, got, tt.want)
			}
		})
	}
}

func TestScopesCoversAndString(t *testing.T) {
	app := auth.Scopes{"read", "write:statuses"}
	if !app.Covers(auth.Scopes{"read:accounts", "write:statuses"}) {
		t.Error("read write:statuses should cover read:accounts write:statuses")
	}
	if app.Covers(auth.Scopes{"write"}) {
		t.Error("write:statuses must not cover write")
	}
	if !(auth.Scopes{"profile"}).AllowsAny("read", "read:accounts", "profile") {
		t.Error("profile should satisfy verify_credentials' scope list")
	}
	if got := app.String(); got != "read write:statuses" {
		t.Errorf("String() = %q", got)
	}
}
