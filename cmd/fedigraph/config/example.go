package config

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

const exampleHeader = `# fedigraph configuration file.
#
# Name it with --config-path or FEDIGRAPH_CONFIG_PATH. Every option can also
# be set by an environment variable, FEDIGRAPH_ and the option's name in
# upper case with underscores (db-type is FEDIGRAPH_DB_TYPE), or by the flag
# of the same name (--db-type). Flags win over the environment, which wins
# over this file. An unknown option here is an error.
#
# The values below are the defaults. ` + "`fedigraph config`" + ` prints the
# configuration in force.
`

// WriteExample writes a commented YAML file setting every option to its
// default, for documentation and as a starting point for operators.
func WriteExample(w io.Writer) error {
	defaults := Defaults()
	// db-address is derived from db-type when empty; showing the sqlite
	// path would pin it for someone who then switches to postgres.
	defaults.DB.Address = ""
	if _, err := io.WriteString(w, exampleHeader); err != nil {
		return err
	}
	for _, s := range sections {
		if _, err := fmt.Fprintf(w, "\n##### %s #####\n", s.title); err != nil {
			return err
		}
		for _, o := range s.options {
			if o.cliOnly {
				continue
			}
			if _, err := fmt.Fprintf(w, "\n# %s.\n# Environment: %s; flag: --%s\n", sentence(o.usage), o.envName(), o.name); err != nil {
				return err
			}
			if err := writeYAML(w, []entry{{o.name, o.field(defaults).get()}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// sentence capitalises a --help fragment for use as a comment.
func sentence(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.TrimSuffix(s[size:], ".")
}
