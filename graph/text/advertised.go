package text

// URLLength is the number of characters any URL counts for in Length, exported for
// the surfaces that tell apps how to count (Mastodon's characters_reserved_per_url).
const URLLength = urlLength
