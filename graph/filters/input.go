package filters

import (
	"slices"
	"strings"
	"time"

	"github.com/fedigraph/fedigraph/ent/filter"
	"github.com/fedigraph/fedigraph/graph/apperr"
)

// Bounds on a filter: the lengths the database stores, and a number of keywords that
// keeps matching a page of statuses cheap.
const (
	MaxTitleLength   = 200
	MaxKeywordLength = 255
	MaxKeywords      = 100
)

// Input is what a user sets on a filter. Creating one needs Title and Context; in an
// update, what is nil (or, for the lists, empty) is left as it is.
type Input struct {
	Title   *string
	Context []string       // some of Contexts
	Action  *filter.Action // WARN (the default), HIDE or BLUR
	// ExpiresIn sets the filter to stop applying that many seconds from now; 0 makes
	// it apply for ever.
	ExpiresIn *int
	Keywords  []KeywordInput // keywords to add, change or remove
}

// KeywordInput adds a keyword (no ID), or changes or removes (Destroy) the keyword
// with the ID. What is nil is left as it is; a new keyword matches whole words unless
// WholeWord says otherwise.
type KeywordInput struct {
	ID        string
	Keyword   *string
	WholeWord *bool
	Destroy   bool
}

// checkTitle validates a title (trimmed).
func checkTitle(title string) (string, error) {
	t := strings.TrimSpace(title)
	switch {
	case t == "":
		return "", apperr.BadInputf("Validation failed: Title can't be blank")
	case len(t) > MaxTitleLength:
		return "", apperr.BadInputf("Validation failed: Title is too long (maximum is %d characters)", MaxTitleLength)
	}
	return t, nil
}

// checkContext validates a context list, dropping repeats.
func checkContext(context []string) ([]string, error) {
	out := []string{}
	for _, c := range context {
		if !slices.Contains(Contexts, c) {
			return nil, apperr.BadInputf("Validation failed: Context none or invalid context supplied")
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, apperr.BadInputf("Validation failed: Context can't be blank")
	}
	return out, nil
}

// checkAction validates an action.
func checkAction(a filter.Action) error {
	if filter.ActionValidator(a) != nil {
		return apperr.BadInputf("Validation failed: Filter action is not included in the list")
	}
	return nil
}

// checkKeyword validates a keyword's text (trimmed).
func checkKeyword(keyword string) (string, error) {
	k := strings.TrimSpace(keyword)
	switch {
	case k == "":
		return "", apperr.BadInputf("Validation failed: Keywords keyword can't be blank")
	case len(k) > MaxKeywordLength:
		return "", apperr.BadInputf("Validation failed: Keywords keyword is too long (maximum is %d characters)", MaxKeywordLength)
	}
	return k, nil
}

// expiresAt turns seconds from now into a time, nil for never.
func expiresAt(seconds int, now time.Time) (*time.Time, error) {
	switch {
	case seconds < 0:
		return nil, apperr.BadInputf("Validation failed: Expires in must be a positive number of seconds")
	case seconds == 0:
		return nil, nil
	}
	t := now.Add(time.Duration(seconds) * time.Second)
	return &t, nil
}
