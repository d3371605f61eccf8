package ap

// Public is the special collection that addresses everyone.
const Public = "https://www.w3.org/ns/activitystreams#Public"

// Visibility values, spelled as ent/schema's Visibilities (status.Visibility) so a
// caller can convert with status.Visibility(v).
const (
	VisibilityPublic        = "PUBLIC"
	VisibilityUnlisted      = "UNLISTED"
	VisibilityFollowersOnly = "FOLLOWERS_ONLY"
	VisibilityMutualsOnly   = "MUTUALS_ONLY"
	VisibilityDirect        = "DIRECT"
)

// IsPublic reports whether an addressee is the Public collection. JSON-LD compaction
// lets servers write it three ways; all three occur in the wild.
func IsPublic(iri string) bool {
	return iri == Public || iri == "as:Public" || iri == "Public"
}

// Visibility maps a remote object's addressing onto fedigraph's visibility levels, as
// Mastodon reads it: PUBLIC when Public is in to; UNLISTED when Public is only in cc;
// FOLLOWERS_ONLY when the author's followers collection is addressed; DIRECT
// otherwise (only the named actors). followersURI may be empty when the author's
// followers collection is unknown.
func Visibility(to, cc []string, followersURI string) string {
	for _, a := range to {
		if IsPublic(a) {
			return VisibilityPublic
		}
	}
	for _, a := range cc {
		if IsPublic(a) {
			return VisibilityUnlisted
		}
	}
	if followersURI != "" {
		for _, a := range append(to[:len(to):len(to)], cc...) {
			if a == followersURI {
				return VisibilityFollowersOnly
			}
		}
	}
	return VisibilityDirect
}

// normalizeAudience rewrites the compacted forms of Public to the full IRI, so that
// callers comparing addressees need not know JSON-LD, and drops empty entries.
func normalizeAudience(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, 0, len(in))
	for _, a := range in {
		switch {
		case a == "":
		case IsPublic(a):
			out = append(out, Public)
		default:
			out = append(out, a)
		}
	}
	return out
}
