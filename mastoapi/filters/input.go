package filters

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/graph/apperr"
	"github.com/fedigraph/fedigraph/graph/filters"
	"github.com/fedigraph/fedigraph/mastoapi/params"
)

// readInput reads a v2 filter's parameters: title, context[], filter_action,
// expires_in and keywords_attributes[].
func readInput(v params.Values) (filters.Input, error) {
	in := filters.Input{Title: v.Optional("title"), Context: v.Strings("context")}
	if a := strings.TrimSpace(v.Get("filter_action")); a != "" {
		action := filter.Action(strings.ToUpper(a))
		in.Action = &action
	}
	var err error
	if in.ExpiresIn, err = readExpiresIn(v); err != nil {
		return in, err
	}
	in.Keywords = readKeywords(v)
	return in, nil
}

// readExpiresIn reads expires_in: absent leaves the expiry alone, empty removes it
// (as in Rails, where a blank value is nil), a number of seconds sets it.
func readExpiresIn(v params.Values) (*int, error) {
	s, ok := v.String("expires_in")
	if !ok {
		return nil, nil
	}
	if strings.TrimSpace(s) == "" {
		never := 0
		return &never, nil
	}
	// JSON clients send a number, which may come as 3600.0.
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return nil, apperr.BadInputf("Validation failed: expires_in must be a number of seconds, not %q", s)
	}
	n := int(f)
	return &n, nil
}

// readKeywords reads keywords_attributes in each form clients send it: a JSON list of
// objects or an indexed hash (keywords_attributes[0][keyword]=…), or Rails' parallel
// lists (keywords_attributes[][keyword]=…&keywords_attributes[][whole_word]=…), where
// the nth value of each field belongs to the nth keyword.
func readKeywords(v params.Values) []filters.KeywordInput {
	var out []filters.KeywordInput
	for _, item := range v.Indexed("keywords_attributes") {
		out = append(out, keywordOf(item.Optional("id"), item.Optional("keyword"), item.Bool("whole_word"), item.True("_destroy")))
	}
	sub := v.Sub("keywords_attributes")
	keys, words, wholes, destroys := sub.Strings("[id]"), sub.Strings("[keyword]"), sub.Strings("[whole_word]"), sub.Strings("[_destroy]")
	for i := range max(len(keys), len(words), len(wholes), len(destroys)) {
		at := func(list []string) *string {
			if i < len(list) {
				return &list[i]
			}
			return nil
		}
		destroy := railsBool(at(destroys))
		out = append(out, keywordOf(at(keys), at(words), railsBool(at(wholes)), destroy != nil && *destroy))
	}
	return out
}

// railsBool reads one value of a list as params reads a boolean parameter.
func railsBool(s *string) *bool {
	if s == nil {
		return nil
	}
	return params.Of(url.Values{"b": {*s}}).Bool("b")
}

func keywordOf(id, keyword *string, wholeWord *bool, destroy bool) filters.KeywordInput {
	k := filters.KeywordInput{Keyword: keyword, WholeWord: wholeWord, Destroy: destroy}
	if id != nil {
		k.ID = strings.TrimSpace(*id)
	}
	return k
}
