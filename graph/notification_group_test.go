package graph_test

import (
	"testing"

	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
)

// TestNotificationGroupsAndDismissing reads grouped notifications through GraphQL and
// dismisses them one, a group and all at a time.
func TestNotificationGroupsAndDismissing(t *testing.T) {
	testrig.EachDB(t, func(t *testing.T, db *store.DB) {
		s := newServer(t, db)
		alice := testrig.LocalAccount(t, db, "alice")
		at := testrig.Token(t, db, alice, "read write follow")
		var post struct {
			CreateStatus struct{ Status struct{ ID string } }
		}
		s.must(at, `mutation { createStatus(input: {text: "hello"}) { status { id } } }`, nil, &post)
		pid := post.CreateStatus.Status.ID
		for _, name := range []string{"bob", "carol"} {
			tok := testrig.Token(t, db, testrig.LocalAccount(t, db, name), "read write follow")
			s.must(tok, `mutation($id: ID!) { followAccount(input: {accountID: $id}) { relationship { following } } }`, map[string]any{"id": alice.ID}, nil)
			s.must(tok, `mutation($id: ID!) { favouriteStatus(id: $id) { status { id } } }`, map[string]any{"id": pid}, nil)
		}
		s.must(testrig.Token(t, db, testrig.LocalAccount(t, db, "dave"), "write"), `mutation { createStatus(input: {text: "@alice hi"}) { status { id } } }`, nil, nil)

		type groups struct {
			NotificationGroups struct {
				Edges []struct {
					Node struct {
						GroupKey           string
						Type               string
						NotificationsCount int
						LatestNotification struct{ ID string }
						SampleAccounts     []struct{ Username string }
						Status             *struct{ ID string }
					}
				}
				PageInfo struct{ HasNextPage bool }
			}
		}
		const q = `query($g: [NotificationType!]) { notificationGroups(groupedTypes: $g) {
			edges { node { groupKey type notificationsCount latestNotification { id } sampleAccounts { username } status { id } } }
			pageInfo { hasNextPage } } }`
		var g groups
		s.must(at, q, nil, &g)
		e := g.NotificationGroups.Edges
		if len(e) != 3 || e[0].Node.Type != "MENTION" || e[1].Node.Type != "FAVOURITE" || e[1].Node.NotificationsCount != 2 ||
			e[1].Node.Status == nil || e[1].Node.Status.ID != pid || len(e[1].Node.SampleAccounts) != 2 ||
			e[1].Node.SampleAccounts[0].Username != "carol" || e[2].Node.Type != "FOLLOW" || e[2].Node.NotificationsCount != 2 {
			t.Fatalf("groups: %+v", e)
		}
		var ungrouped groups
		s.must(at, q, map[string]any{"g": []string{}}, &ungrouped)
		if n := len(ungrouped.NotificationGroups.Edges); n != 5 {
			t.Errorf("with nothing grouped: %d groups, want 5", n)
		}

		var d struct{ DismissNotification string }
		mention := e[0].Node.LatestNotification.ID
		s.must(at, `mutation($id: ID!) { dismissNotification(id: $id) }`, map[string]any{"id": mention}, &d)
		if d.DismissNotification != mention {
			t.Errorf("dismissNotification = %q", d.DismissNotification)
		}
		if r := s.do(at, `mutation($id: ID!) { dismissNotification(id: $id) }`, map[string]any{"id": mention}); r.code() != "NOT_FOUND" {
			t.Errorf("dismissing twice: %+v", r.Errors)
		}
		s.must(at, `mutation($k: String!) { dismissNotificationGroup(groupKey: $k) }`, map[string]any{"k": e[1].Node.GroupKey}, nil)
		s.must(at, q, nil, &g)
		if n := len(g.NotificationGroups.Edges); n != 1 {
			t.Errorf("after dismissing the mention and the favourites: %d groups, want the follows", n)
		}
		var c struct{ ClearNotifications int }
		s.must(at, `mutation { clearNotifications }`, nil, &c)
		if c.ClearNotifications != 2 {
			t.Errorf("clearNotifications = %d, want the two follows", c.ClearNotifications)
		}
	})
}
