package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Mention is an @mention as written in a status: "@alice" or
// "@alice@example.com".
type Mention struct {
	// Username is the account name as written (its case kept).
	Username string
	// Domain is the lowercased domain after the second @, or "" when the
	// mention named no domain (a local account, or one the writer expects to
	// be resolved from context such as a reply).
	Domain string
}

// String returns the mention as "@user" or "@user@domain".
func (m Mention) String() string {
	if m.Domain == "" {
		return "@" + m.Username
	}
	return "@" + m.Username + "@" + m.Domain
}

// key identifies the account a mention names: usernames are compared
// without case, as Mastodon and GoToSocial look them up.
func (m Mention) key() Mention {
	return Mention{Username: strings.ToLower(m.Username), Domain: m.Domain}
}

// NormalizeTag returns the form under which a hashtag is stored and
// compared: without a leading '#', NFKC-normalised (so full-width and
// compatibility characters match their plain forms) and lowercased.
func NormalizeTag(name string) string {
	name = strings.TrimPrefix(name, "#")
	// NFKC again after lowercasing, as Mastodon does, because lowercasing
	// can produce sequences that are no longer in normal form.
	return norm.NFKC.String(strings.ToLower(norm.NFKC.String(name)))
}

// isWordRune reports whether r is a "word" character in the sense of
// Mastodon's [[:word:]]: a letter, mark, decimal digit or underscore.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// mentionMayFollow reports whether an '@' after prev can start a mention.
// A word character before it makes an e-mail address ("bob@example.com"),
// and '/' or '=' put it inside a path or query ("example.com/@alice").
func mentionMayFollow(prev rune) bool {
	return !isWordRune(prev) && prev != '/' && prev != '='
}

// hashtagMayFollow reports whether a '#' after prev can start a hashtag.
// Letters, digits and marks rule out "C#"; '&' rules out HTML entities such
// as "&#39;"; '/', '=' and ')' rule out URL fragments and "f(x)#1". An
// underscore may come before, as in Mastodon, so Markdown's _#tag_ works.
func hashtagMayFollow(prev rune) bool {
	return prev == '_' || !isWordRune(prev) && !strings.ContainsRune("&/=)", prev)
}

// matchMention reads a mention at the start of s, which begins with '@'.
// It returns the mention and its length in bytes. Usernames are ASCII
// letters, digits and underscores, with dots and dashes allowed inside;
// the optional domain is a hostname, internationalised ones included.
func matchMention(s string) (m Mention, n int, ok bool) {
	user := nameLength(s[1:], isUsernameRune)
	if user == 0 {
		return Mention{}, 0, false
	}
	m.Username = s[1 : 1+user]
	n = 1 + user
	if n < len(s) && s[n] == '@' {
		if host := nameLength(s[n+1:], isWordRune); host > 0 {
			m.Domain = strings.ToLower(s[n+1 : n+1+host])
			n += 1 + host
		}
	}
	return m, n, true
}

func isUsernameRune(r rune) bool {
	return r == '_' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// nameLength returns the length in bytes of the longest prefix of s made of
// runes accepted by word, with '.' and '-' allowed between them but not at
// either end: "alice." is "alice" at the end of a sentence.
func nameLength(s string, word func(rune) bool) int {
	end := 0
	for i, r := range s {
		switch {
		case word(r):
			end = i + utf8.RuneLen(r)
		case (r == '.' || r == '-') && end > 0:
		default:
			return end
		}
	}
	return end
}

// tagSeparators may join parts of a hashtag, as in Mastodon: the middle
// dots used in Catalan and Japanese, and the zero-width non-joiner that
// Persian words need.
const tagSeparators = "\u00b7\u30fb\u200c"

// matchHashtag reads a hashtag at the start of s, which begins with '#'.
// It returns the name as written (without '#') and the length in bytes.
// A name needs at least one letter, so "#1" and "#2024" are not tags.
func matchHashtag(s string) (name string, n int, ok bool) {
	end, letter := 0, false
	for i, r := range s[1:] {
		if isWordRune(r) {
			end = i + utf8.RuneLen(r)
			letter = letter || unicode.IsLetter(r)
			continue
		}
		if end == 0 || !strings.ContainsRune(tagSeparators, r) {
			break
		}
	}
	if !letter {
		return "", 0, false
	}
	return s[1 : 1+end], 1 + end, true
}
