// Package entity holds the Mastodon REST API's JSON entities as hand-written Go types,
// and the Renderer that converts fedigraph's ent rows into them. Conversion runs one
// way only, ent → Mastodon: handlers parse requests elsewhere and call the domain
// packages under graph/, then hand the rows they get back to a Renderer.
//
// The types follow docs.joinmastodon.org field by field: string IDs, ISO 8601 times
// in UTC with milliseconds, HTML content, and null where Mastodon sends null but an
// absent key where Mastodon leaves the key out. Golden files in testdata/ pin the
// exact JSON, and shape tests compare it against the documentation's own examples
// (testdata/mastodon/).
package entity
