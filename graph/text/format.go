package text

import "fmt"

// Result is a formatted status.
type Result struct {
	// HTML is the sanitized status content, "" for an empty source.
	HTML string
	// Mentions are the mentions the Linker resolved, in order of first
	// appearance, each account once. Unresolved mentions are not listed.
	Mentions []Mention
	// Tags are the hashtags outside code and links, normalized (see
	// [NormalizeTag]), in order of first appearance, each once.
	Tags []string
}

// Format renders a status source as sanitized HTML. The zero ContentType
// means [Plain]. l decides where mentions and hashtags link; with a nil l
// nothing but URLs is linked. The only error is an unknown content type.
func Format(src string, ct ContentType, l Linker) (Result, error) {
	lk := newLinking(l)
	var raw string
	switch ct {
	case Plain, "":
		raw = formatPlain(src, lk)
	case Markdown:
		var err error
		if raw, err = formatMarkdown(src, lk); err != nil {
			return Result{}, fmt.Errorf("format status: %w", err)
		}
	default:
		return Result{}, fmt.Errorf("format status: unknown content type %q", ct)
	}
	return Result{HTML: Sanitize(raw), Mentions: lk.linked.mentions, Tags: lk.linked.tags}, nil
}

// Parse lists the mentions and hashtags that Format would link, without
// rendering, so a caller can look up or fetch the mentioned accounts first.
// Mentions are as written, each account once; tags are normalized and
// deduplicated; both in order of first appearance. In Markdown, code and
// link labels are skipped. An unknown content type is read as [Plain].
func Parse(src string, ct ContentType) (mentions []Mention, tags []string) {
	var list entityList
	if ct == Markdown {
		parseMarkdown(src, &list)
		return list.mentions, list.tags
	}
	for _, seg := range split(src) {
		switch seg.kind {
		case segMention:
			list.addMention(seg.mention)
		case segHashtag:
			list.addTag(NormalizeTag(seg.tag))
		}
	}
	return list.mentions, list.tags
}
