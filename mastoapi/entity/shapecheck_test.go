package entity_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// shapeRules say where fedigraph's JSON may differ from a documentation example.
// Paths name keys from the entity's root, joined with ".", with "[]" for the elements
// of an array: "account.uri", "mentions[].acct".
type shapeRules struct {
	extra    []string // keys ours has that the example does not show (documented elsewhere)
	optional []string // keys the example shows that ours may leave out (documented as optional)
	nullable []string // keys ours may send as null where the example has a value (documented as nullable)
	partial  []string // objects the example elides keys of ("// ..."): keys it lacks are not unexpected
}

// shapeCheck compares the shape of ours with that of doc: every key the example has
// must be in ours with the same JSON type (a null in the example allows any type),
// and ours must have no key the example lacks unless a rule allows it.
type shapeCheck struct {
	extra, optional, nullable, partial map[string]bool
	problems                           []string
}

func newShapeCheck(r shapeRules) *shapeCheck {
	set := func(paths []string) map[string]bool {
		m := map[string]bool{}
		for _, p := range paths {
			m[p] = true
		}
		return m
	}
	return &shapeCheck{extra: set(r.extra), optional: set(r.optional), nullable: set(r.nullable), partial: set(r.partial)}
}

func (c *shapeCheck) problem(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *shapeCheck) compare(path string, doc, ours any) {
	if doc == nil {
		return
	}
	if ours == nil {
		if !c.nullable[path] {
			c.problem("%s: null, but the example has %s", show(path), jsonType(doc))
		}
		return
	}
	if jsonType(doc) != jsonType(ours) {
		c.problem("%s: %s, but the example has %s", show(path), jsonType(ours), jsonType(doc))
		return
	}
	switch d := doc.(type) {
	case map[string]any:
		c.compareObjects(path, d, ours.(map[string]any))
	case []any:
		// Examples show one kind of element per array; each of ours must match the first.
		if len(d) > 0 {
			for _, o := range ours.([]any) {
				c.compare(path+"[]", d[0], o)
			}
		}
	}
}

func (c *shapeCheck) compareObjects(path string, doc, ours map[string]any) {
	for _, k := range sortedKeys(doc) {
		p := join(path, k)
		o, ok := ours[k]
		if !ok {
			if !c.optional[p] {
				c.problem("%s: missing (the example has it)", p)
			}
			continue
		}
		c.compare(p, doc[k], o)
	}
	if c.partial[path] {
		return
	}
	for _, k := range sortedKeys(ours) {
		if _, ok := doc[k]; !ok && !c.extra[join(path, k)] {
			c.problem("%s: not in the example and not allowed as an extra", join(path, k))
		}
	}
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func show(path string) string {
	if path == "" {
		return "(root)"
	}
	return path
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// elided matches the "// ..." lines the documentation puts in partial examples, and
// trailingComma the commas they leave before a closing bracket.
var (
	elided        = regexp.MustCompile(`(?m)^\s*// \.\.\.\s*$`)
	trailingComma = regexp.MustCompile(`,(\s*[}\]])`)
)

// loadJSON reads a JSON file into generic values; documentation examples may contain
// "// ..." lines, which are dropped.
func loadJSON(path string) (any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := elided.ReplaceAllString(string(b), "")
	s = trailingComma.ReplaceAllString(s, "$1")
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return v, nil
}

// pick walks a dotted selector ("media_attachments.0") into v.
func pick(v any, selector string) (any, error) {
	if selector == "" {
		return v, nil
	}
	for _, part := range strings.Split(selector, ".") {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[part]
			if !ok {
				return nil, fmt.Errorf("no key %q", part)
			}
			v = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil, fmt.Errorf("no element %q", part)
			}
			v = x[i]
		default:
			return nil, fmt.Errorf("cannot select %q in a %s", part, jsonType(v))
		}
	}
	return v, nil
}
