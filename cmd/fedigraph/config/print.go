package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// redacted replaces a secret's value in printed output.
const redacted = "(redacted)"

// Print writes the effective configuration to w as YAML (format "yaml" or
// "") or JSON ("json"), options in table order, with secrets redacted.
func (c *Config) Print(w io.Writer, format string) error {
	var entries []entry
	for _, o := range allOptions() {
		value := o.field(c).get()
		if o.secret && value != "" {
			value = redacted
		}
		entries = append(entries, entry{o.name, value})
	}
	switch format {
	case "", "yaml":
		return writeYAML(w, entries)
	case "json":
		return writeJSON(w, entries)
	}
	return fmt.Errorf("unknown format %q: use yaml or json", format)
}

// entry is one option's name and plain value, kept in a slice so output
// follows the table's order rather than the alphabet.
type entry struct {
	name  string
	value any
}

func writeYAML(w io.Writer, entries []entry) error {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range entries {
		var key, value yaml.Node
		key.SetString(e.name)
		if err := value.Encode(e.value); err != nil {
			return fmt.Errorf("encode %s: %w", e.name, err)
		}
		doc.Content = append(doc.Content, &key, &value)
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode config as YAML: %w", err)
	}
	return enc.Close()
}

func writeJSON(w io.Writer, entries []entry) error {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, e := range entries {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, _ := json.Marshal(e.name) // a string always marshals
		value, err := json.Marshal(e.value)
		if err != nil {
			return fmt.Errorf("encode %s: %w", e.name, err)
		}
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(value)
	}
	buf.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return fmt.Errorf("indent config JSON: %w", err)
	}
	out.WriteByte('\n')
	_, err := out.WriteTo(w)
	return err
}
