// Package text turns what a person typed into the sanitized status HTML that
// Mastodon and GoToSocial produce, and back.
//
// Two input content types are supported, as GoToSocial allows: plain text
// (the default) and Markdown. Both paths link URLs, @mentions and #hashtags in
// Mastodon's microformat markup and end in the same allow-list sanitizer, so
// whatever the source, the HTML that leaves this package only holds the
// elements and attributes that Mastodon clients expect.
//
// The package knows nothing about accounts: a [Linker] supplied by the caller
// decides where mentions and hashtags point. [Parse] extracts mentions and
// tags without rendering, so a caller can resolve (or fetch) accounts first.
// [Length] counts a status the way Mastodon's length limit does, and
// [PlainText] turns status HTML back into text for notifications, filters
// and search.
package text
