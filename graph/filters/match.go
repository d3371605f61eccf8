package filters

import (
	"context"
	"fmt"
	"regexp"
	"unicode"
	"unicode/utf8"

	"github.com/fedigraph/fedigraph/ent"
	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/ent/status"
	"github.com/fedigraph/fedigraph/graph/text"
)

// Result is one of the viewer's filters that a status matched (Mastodon's
// FilterResult).
type Result struct {
	Filter *ent.Filter
	// KeywordMatches are the filter's keywords found in the status, as the user wrote
	// them; nil when none was.
	KeywordMatches []string
	// StatusMatches are the IDs the filter names among the status and what it boosts;
	// nil when it names neither.
	StatusMatches []string
}

// Match returns, by status ID, the viewer's filters that each status matches, among
// those that have not expired and apply in the context ("" for any context, as the
// Status entity's filtered field shows them all and lets the client pick). A boost
// matches by what it boosts. A keyword matches its text in the status's content
// warning or its content as plain text, ignoring case; a whole-word keyword must not
// have a letter, digit or underscore right before or after it (at whichever end it
// begins or ends with one, so "#tag" and "c++" still match as whole words).
//
// It costs one query for the filters (three when there are some, for their keywords
// and statuses) and one for the boosted statuses, whatever the number of statuses.
func (s *Service) Match(ctx context.Context, viewerID string, sts []*ent.Status, context string) (map[string][]Result, error) {
	out := map[string][]Result{}
	if viewerID == "" || len(sts) == 0 {
		return out, nil
	}
	now := s.now()
	fs, err := withRules(s.DB.Filter.Query().Where(
		filter.AccountID(viewerID),
		filter.Or(filter.ExpiresAtIsNil(), filter.ExpiresAtGT(now)),
	)).Order(ent.Asc(filter.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load filters: %w", err)
	}
	var rules []compiled
	for _, f := range fs {
		if AppliesIn(f, context) {
			rules = append(rules, compile(f))
		}
	}
	if len(rules) == 0 {
		return out, nil
	}
	originals, err := loadOriginals(ctx, s.DB.Client, sts)
	if err != nil {
		return nil, err
	}
	for _, st := range sts {
		proper := st
		if st.ReblogOfID != nil {
			if proper = originals[*st.ReblogOfID]; proper == nil {
				continue // the boosted status is gone
			}
		}
		plain := proper.SpoilerText + "\n" + text.PlainText(proper.Content)
		for _, c := range rules {
			if r, ok := c.match(st, plain); ok {
				out[st.ID] = append(out[st.ID], r)
			}
		}
	}
	return out, nil
}

// compiled is a filter made ready to match.
type compiled struct {
	filter   *ent.Filter
	keywords []string
	patterns []*regexp.Regexp
	statuses map[string]bool
}

func compile(f *ent.Filter) compiled {
	c := compiled{filter: f, statuses: map[string]bool{}}
	for _, k := range f.Edges.Keywords {
		c.keywords = append(c.keywords, k.Keyword)
		c.patterns = append(c.patterns, pattern(k.Keyword, k.WholeWord))
	}
	for _, fs := range f.Edges.Statuses {
		c.statuses[fs.StatusID] = true
	}
	return c
}

// notWord is anything but a letter, mark, decimal digit or underscore: a character
// that is not part of a word, as Mastodon's [[:word:]] has words.
const notWord = `[^\p{L}\p{M}\p{Nd}_]`

// pattern is the regular expression of a keyword.
func pattern(keyword string, wholeWord bool) *regexp.Regexp {
	p := `(?i)` + regexp.QuoteMeta(keyword)
	if wholeWord {
		first, _ := utf8.DecodeRuneInString(keyword)
		last, _ := utf8.DecodeLastRuneInString(keyword)
		if isWordRune(first) {
			p = `(?:^|` + notWord + `)` + p
		}
		if isWordRune(last) {
			p += `(?:$|` + notWord + `)`
		}
	}
	return regexp.MustCompile(p)
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// match checks a status (with the plain text of what it shows) against the filter.
func (c compiled) match(st *ent.Status, plain string) (Result, bool) {
	r := Result{Filter: c.filter}
	for i, p := range c.patterns {
		if p.MatchString(plain) {
			r.KeywordMatches = append(r.KeywordMatches, c.keywords[i])
		}
	}
	for _, id := range []*string{&st.ID, st.ReblogOfID} {
		if id != nil && c.statuses[*id] {
			r.StatusMatches = append(r.StatusMatches, *id)
		}
	}
	return r, r.KeywordMatches != nil || r.StatusMatches != nil
}

// loadOriginals returns, by ID, the statuses the boosts among sts boost: those loaded
// with them, and the rest in one query.
func loadOriginals(ctx context.Context, c *ent.Client, sts []*ent.Status) (map[string]*ent.Status, error) {
	out := map[string]*ent.Status{}
	var missing []string
	for _, st := range sts {
		if st.ReblogOfID == nil {
			continue
		}
		if orig, err := st.Edges.ReblogOfOrErr(); err == nil && orig != nil {
			out[orig.ID] = orig
		} else {
			missing = append(missing, *st.ReblogOfID)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	origs, err := c.Status.Query().Where(status.IDIn(missing...)).
		Select(status.FieldID, status.FieldContent, status.FieldSpoilerText).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load boosted statuses: %w", err)
	}
	for _, o := range origs {
		out[o.ID] = o
	}
	return out, nil
}
