package entity_test

import (
	"encoding/json"
	"testing"
)

// TestShapeCheckCatches proves the shape comparison fails where it should, so that a
// passing TestShapeMatchesMastodonDocs means something.
func TestShapeCheckCatches(t *testing.T) {
	cases := []struct {
		name, doc, ours string
		rules           shapeRules
		problems        int
	}{
		{"same shape", `{"a":"x","b":[{"c":1}]}`, `{"a":"y","b":[{"c":2},{"c":3}]}`, shapeRules{}, 0},
		{"missing key", `{"a":"x","b":1}`, `{"a":"y"}`, shapeRules{}, 1},
		{"missing optional key", `{"a":"x","b":1}`, `{"a":"y"}`, shapeRules{optional: []string{"b"}}, 0},
		{"wrong type", `{"a":"x"}`, `{"a":1}`, shapeRules{}, 1},
		{"number as string", `{"id":"1"}`, `{"id":1}`, shapeRules{}, 1},
		{"unexpected key", `{"a":"x"}`, `{"a":"y","z":true}`, shapeRules{}, 1},
		{"allowed extra key", `{"a":"x"}`, `{"a":"y","z":true}`, shapeRules{extra: []string{"z"}}, 0},
		{"null not documented", `{"a":"x"}`, `{"a":null}`, shapeRules{}, 1},
		{"null documented", `{"a":"x"}`, `{"a":null}`, shapeRules{nullable: []string{"a"}}, 0},
		{"null in example allows a value", `{"a":null}`, `{"a":{"b":1}}`, shapeRules{}, 0},
		{"nested wrong type", `{"o":{"p":true}}`, `{"o":{"p":"true"}}`, shapeRules{}, 1},
		{"array element wrong", `{"l":[{"p":1}]}`, `{"l":[{"p":1},{"p":"1"}]}`, shapeRules{}, 1},
		{"partial object", `{"o":{"p":1}}`, `{"o":{"p":1,"q":2}}`, shapeRules{partial: []string{"o"}}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var doc, ours any
			if err := json.Unmarshal([]byte(tc.doc), &doc); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tc.ours), &ours); err != nil {
				t.Fatal(err)
			}
			c := newShapeCheck(tc.rules)
			c.compare("", doc, ours)
			if len(c.problems) != tc.problems {
				t.Errorf("got %d problems %q, want %d", len(c.problems), c.problems, tc.problems)
			}
		})
	}
}
