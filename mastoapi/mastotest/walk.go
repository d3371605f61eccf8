package mastotest

import "strings"

// IDs are the "id" members of a JSON array of entities, in order.
type IDs []struct {
	ID string `json:"id"`
}

// Strings lists the IDs.
func (ids IDs) Strings() []string {
	out := make([]string, len(ids))
	for i, e := range ids {
		out[i] = e.ID
	}
	return out
}

// Page fetches one page of entities and returns their IDs and the reply.
func (s *Server) Page(path, token string) ([]string, Reply) {
	s.T.Helper()
	var page IDs
	r := s.Get(path, token).OK(&page)
	return page.Strings(), r
}

// Walk follows rel links ("next" or "prev") from path until there are none, and
// returns the IDs of the entities on every page in order and the number of pages. It
// fails the test on a page with more than limit entities, on a link that is not an
// absolute URL on PublicBase, and after 50 pages (a loop).
func (s *Server) Walk(path, token, rel string, limit int) (ids []string, pages int) {
	s.T.Helper()
	for path != "" {
		if pages == 50 {
			s.T.Fatalf("%s: still paging after 50 pages", path)
		}
		page, r := s.Page(path, token)
		if len(page) > limit {
			s.T.Fatalf("%s: %d items, over the limit of %d", path, len(page), limit)
		}
		ids = append(ids, page...)
		pages++
		path = r.Links()[rel]
		if path != "" && !strings.HasPrefix(path, PublicBase+"/api/") {
			s.T.Fatalf("Link %s=%s is not an absolute URL on the public base", rel, path)
		}
	}
	return ids, pages
}
