package text

// Linker decides where mentions and hashtags point. The formatter knows
// nothing of accounts or URL layouts, so the caller supplies one per call
// (it may wrap a database lookup: each distinct mention is asked once).
type Linker interface {
	// MentionURL returns the profile URL of the account a mention names.
	// m.Domain is "" for a mention without a domain. ok is false when the
	// account is unknown; the mention then stays plain text.
	MentionURL(m Mention) (href string, ok bool)
	// TagURL returns the URL of the page for a hashtag, given its
	// normalized name (see [NormalizeTag]). An empty href leaves the hashtag
	// as plain text; it is still reported in [Result.Tags].
	TagURL(name string) (href string)
}

// entityList collects mentions and hashtags in order of first appearance,
// each once.
type entityList struct {
	mentions []Mention
	tags     []string
	seen     map[any]bool
}

func (l *entityList) addMention(m Mention) {
	if l.firstTime(m.key()) {
		l.mentions = append(l.mentions, m)
	}
}

func (l *entityList) addTag(name string) {
	if l.firstTime(name) {
		l.tags = append(l.tags, name)
	}
}

func (l *entityList) firstTime(key any) bool {
	if l.seen == nil {
		l.seen = make(map[any]bool)
	}
	if l.seen[key] {
		return false
	}
	l.seen[key] = true
	return true
}

// linking resolves the entities of one Format call through the caller's
// Linker and records what got linked.
type linking struct {
	linker   Linker
	mentions map[Mention]string // resolved href by mention key; "" = unknown
	linked   entityList
}

func newLinking(l Linker) *linking {
	return &linking{linker: l, mentions: make(map[Mention]string)}
}

// mention returns the href for m, or false when it stays text.
func (l *linking) mention(m Mention) (string, bool) {
	if l.linker == nil {
		return "", false
	}
	href, asked := l.mentions[m.key()]
	if !asked {
		var ok bool
		if href, ok = l.linker.MentionURL(m); !ok {
			href = ""
		}
		l.mentions[m.key()] = href
	}
	if href == "" {
		return "", false
	}
	l.linked.addMention(m)
	return href, true
}

// tag records the hashtag written as name and returns its href ("" for
// none).
func (l *linking) tag(name string) string {
	normalized := NormalizeTag(name)
	l.linked.addTag(normalized)
	if l.linker == nil {
		return ""
	}
	return l.linker.TagURL(normalized)
}
