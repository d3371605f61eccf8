package store

import (
	"net/url"
	"strings"
)

// sqlitePragmas are applied to every SQLite connection: foreign keys (ent's migrator
// insists on them), WAL so readers never block the writer, and a busy timeout so
// concurrent writers queue instead of failing.
var sqlitePragmas = []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"}

// SQLiteDSN turns a file path (or an existing file: URI) into a modernc DSN with
// fedigraph's pragmas. Transactions start IMMEDIATE so that a transaction that reads and
// then writes cannot fail half-way when another writer got there first.
func SQLiteDSN(pathOrURI string) string {
	base, query, _ := strings.Cut(pathOrURI, "?")
	if !strings.HasPrefix(base, "file:") {
		base = "file:" + base
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		q = url.Values{}
	}
	have := map[string]bool{}
	for _, p := range q["_pragma"] {
		name, _, _ := strings.Cut(p, "(")
		have[name] = true
	}
	for _, p := range sqlitePragmas {
		name, _, _ := strings.Cut(p, "(")
		if !have[name] {
			q.Add("_pragma", p)
		}
	}
	if q.Get("_txlock") == "" {
		q.Set("_txlock", "immediate")
	}
	return base + "?" + q.Encode()
}
