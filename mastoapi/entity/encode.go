package entity

import (
	"encoding/json"
	"io"
)

// Encode writes v as JSON the way Mastodon does: HTML in content, notes and fields is
// written as it is ("<p>"), not escaped to "\u003cp\u003e" as encoding/json does by
// default. Both decode the same; this keeps responses readable and byte-comparable
// with Mastodon's.
func Encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
