package entity

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/graph/polls"
)

// TestPollOf checks the rules Mastodon applies to what a poll shows: hidden totals
// until it ends, the author counted as having voted, and the viewer's keys only for a
// signed-in viewer.
func TestPollOf(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Hour), now.Add(time.Hour)
	totals := polls.Totals{Votes: 3, Voters: 2, PerOption: []int{2, 1}}
	cases := []struct {
		name     string
		poll     ent.Poll
		viewerID string
		own      []int
		want     string
	}{
		{"open, signed out", ent.Poll{ID: "p", Options: []string{"a", "b"}, ExpiresAt: &future}, "", nil,
			`{"id":"p","expires_at":"2024-01-01T01:00:00.000Z","expired":false,"multiple":false,"votes_count":3,"voters_count":2,"options":[{"title":"a","votes_count":2},{"title":"b","votes_count":1}],"emojis":[]}`},
		{"hidden totals while open", ent.Poll{ID: "p", Options: []string{"a", "b"}, HideTotals: true}, "v", []int{1},
			`{"id":"p","expires_at":null,"expired":false,"multiple":false,"votes_count":3,"voters_count":2,"options":[{"title":"a","votes_count":null},{"title":"b","votes_count":null}],"emojis":[],"voted":true,"own_votes":[1]}`},
		{"hidden totals shown once ended", ent.Poll{ID: "p", Options: []string{"a", "b"}, HideTotals: true, ExpiresAt: &past}, "v", nil,
			`{"id":"p","expires_at":"2023-12-31T23:00:00.000Z","expired":true,"multiple":false,"votes_count":3,"voters_count":2,"options":[{"title":"a","votes_count":2},{"title":"b","votes_count":1}],"emojis":[],"voted":false,"own_votes":[]}`},
		{"closed early", ent.Poll{ID: "p", Options: []string{"a"}, ClosedAt: &past, ExpiresAt: &future, Multiple: true}, "", nil,
			`{"id":"p","expires_at":"2024-01-01T01:00:00.000Z","expired":true,"multiple":true,"votes_count":3,"voters_count":2,"options":[{"title":"a","votes_count":2}],"emojis":[]}`},
		{"the author has voted", ent.Poll{ID: "p", Options: []string{"a"}}, "author", nil,
			`{"id":"p","expires_at":null,"expired":false,"multiple":false,"votes_count":3,"voters_count":2,"options":[{"title":"a","votes_count":2}],"emojis":[],"voted":true,"own_votes":[]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(pollOf(&tc.poll, "author", totals, tc.viewerID, tc.own, now))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got  %s\nwant %s", b, tc.want)
			}
		})
	}
}
