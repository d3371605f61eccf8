package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

// pageSize is how many items a collection page holds, as on Mastodon's outbox.
const pageSize = 20

// page is where a collection page starts: below maxID (newest first, the way a
// collection is walked through next), or just above minID (going back through prev).
type page struct{ maxID, minID string }

// readPage reads ?page=…&max_id=…&min_id=…. requested is false for the
// collection's front document. Cursors are item IDs (ULIDs); anything else is 400.
func readPage(r *http.Request) (requested bool, p page, err error) {
	q := r.URL.Query()
	v := q.Get("page")
	requested = v != "" && v != "false" && v != "0"
	p = page{maxID: q.Get("max_id"), minID: q.Get("min_id")}
	for _, id := range []string{p.maxID, p.minID} {
		if !isCursor(id) {
			return false, page{}, failure(http.StatusBadRequest, "Bad Request: max_id and min_id must be IDs")
		}
	}
	if p.maxID != "" && p.minID != "" {
		return false, page{}, failure(http.StatusBadRequest, "Bad Request: give max_id or min_id, not both")
	}
	return requested, p, nil
}

// isCursor accepts "" and IDs: up to 26 letters and digits ("0" starts from the
// oldest end, as Mastodon's last-page link does).
func isCursor(id string) bool {
	if len(id) > 26 {
		return false
	}
	for _, c := range id {
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}

// pageURL is the IRI of a page of the collection at base.
func pageURL(base, cursorKey, cursor string) string {
	q := url.Values{"page": {"true"}}
	if cursorKey != "" {
		q.Set(cursorKey, cursor)
	}
	return base + "?" + q.Encode()
}

// paginate fetches one page of rows ordered by their ID, newest first. fetch must
// return up to limit rows: with p.minID set, the oldest rows above it in ascending
// order; otherwise the newest rows below p.maxID (if set) in descending order. The
// returned next and prev are cursors ("" when there is no such page): next is the
// oldest item, to go on with max_id; prev the newest, to go back with min_id.
func paginate[T any](p page, key func(T) string, fetch func(limit int) ([]T, error)) (rows []T, next, prev string, err error) {
	rows, err = fetch(pageSize + 1)
	if err != nil {
		return nil, "", "", err
	}
	more := len(rows) > pageSize
	if more {
		rows = rows[:pageSize]
	}
	if p.minID != "" {
		slices.Reverse(rows)
	}
	if len(rows) == 0 {
		return rows, "", "", nil
	}
	newest, oldest := key(rows[0]), key(rows[len(rows)-1])
	if p.minID != "" {
		// Going back: there are older rows (at least the one at min_id, unless it
		// was the "0" of the last-page link); newer ones only if the fetch had more.
		if p.minID != "0" {
			next = oldest
		}
		if more {
			prev = newest
		}
		return rows, next, prev, nil
	}
	if more {
		next = oldest
	}
	// As on Mastodon, a page always links back to what may have come since.
	return rows, next, newest, nil
}

// writePage renders a collection page whose items are IRIs or rendered documents.
func (s *Server) writePage(w http.ResponseWriter, base string, p page, items []any, next, prev string) error {
	id := pageURL(base, "", "")
	switch {
	case p.maxID != "":
		id = pageURL(base, "max_id", p.maxID)
	case p.minID != "":
		id = pageURL(base, "min_id", p.minID)
	}
	if next != "" {
		next = pageURL(base, "max_id", next)
	}
	if prev != "" {
		prev = pageURL(base, "min_id", prev)
	}
	b, err := s.cfg.Render.OrderedCollectionPage(id, base, next, prev, items)
	if err != nil {
		return fmt.Errorf("render collection page %s: %w", id, err)
	}
	writeActivity(w, b)
	return nil
}

// writeCollection renders a collection's front document. first is the IRI of its
// first page ("" for none); items, when not nil, are put inline as orderedItems (the
// featured collection, which is never paged).
func (s *Server) writeCollection(w http.ResponseWriter, id string, total int, first string, items []json.RawMessage) error {
	b, err := s.cfg.Render.OrderedCollection(id, total, first)
	if err != nil {
		return fmt.Errorf("render collection %s: %w", id, err)
	}
	if items != nil {
		// federation/ap's OrderedCollection has no inline items; add them to its
		// document rather than render a collection a second way here.
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("render collection %s: %w", id, err)
		}
		m["orderedItems"] = items
		if b, err = json.Marshal(m); err != nil {
			return fmt.Errorf("render collection %s: %w", id, err)
		}
	}
	writeActivity(w, b)
	return nil
}
