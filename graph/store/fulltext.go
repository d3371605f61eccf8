package store

import (
	"context"
	"fmt"
)

// Full-text search of statuses lives outside ent's schema, since ent does not model
// SQLite's FTS5 tables or PostgreSQL's expression indexes. status_texts holds the
// plain text of each searchable status; deleting a status cascades to it, so the index
// can never point at a deleted post.
var fullTextDDL = map[string][]string{
	SQLite: {
		`CREATE TABLE IF NOT EXISTS status_texts (
			status_id TEXT PRIMARY KEY REFERENCES status(id) ON DELETE CASCADE,
			body TEXT NOT NULL)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS status_texts_fts USING fts5(
			body, content='status_texts', content_rowid='rowid',
			tokenize='unicode61 remove_diacritics 2')`,
		`CREATE TRIGGER IF NOT EXISTS status_texts_ai AFTER INSERT ON status_texts BEGIN
			INSERT INTO status_texts_fts(rowid, body) VALUES (new.rowid, new.body);
		END`,
		`CREATE TRIGGER IF NOT EXISTS status_texts_ad AFTER DELETE ON status_texts BEGIN
			INSERT INTO status_texts_fts(status_texts_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
		END`,
		`CREATE TRIGGER IF NOT EXISTS status_texts_au AFTER UPDATE ON status_texts BEGIN
			INSERT INTO status_texts_fts(status_texts_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
			INSERT INTO status_texts_fts(rowid, body) VALUES (new.rowid, new.body);
		END`,
	},
	Postgres: {
		`CREATE TABLE IF NOT EXISTS status_texts (
			status_id varchar PRIMARY KEY REFERENCES status(id) ON DELETE CASCADE,
			body text NOT NULL)`,
		`CREATE INDEX IF NOT EXISTS status_texts_search ON status_texts
			USING GIN (to_tsvector('simple', body)) WITH (fastupdate = off)`,
		// Without fastupdate every insert updates the index itself. With it (the
		// default) inserts are cheaper until the pending list fills, and then one
		// unlucky insert merges it while concurrent posts wait: seconds-long stalls.
		`ALTER INDEX status_texts_search SET (fastupdate = off)`,
	},
}

// migrateFullText creates the full-text tables; every statement is idempotent.
func (db *DB) migrateFullText(ctx context.Context) error {
	for _, stmt := range fullTextDDL[db.Type] {
		if _, err := db.SQL.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migrate full-text search: %w", err)
		}
	}
	return nil
}
