package config

import (
	"github.com/knadh/koanf/providers/posflag"
	"github.com/knadh/koanf/v2"
	"github.com/spf13/pflag"
)

// AddFlags registers every option as a flag on fs. Pass the root command's
// PersistentFlags so that every subcommand accepts them; Load later reads
// the ones the user set.
func AddFlags(fs *pflag.FlagSet) {
	for _, o := range allOptions() {
		v := &flagValue{raw: o.def, typ: o.field(&Config{}).flagType()}
		f := fs.VarPF(v, o.name, "", o.usage)
		if v.typ == boolean.flagType {
			// Lets `--web-enabled` stand for `--web-enabled=true`.
			f.NoOptDefVal = "true"
		}
	}
}

// flagValue keeps what the user typed, unparsed: Load parses flags with the
// same codecs and error messages as the file and the environment.
type flagValue struct {
	raw     string
	typ     string
	changed bool
}

func (v *flagValue) String() string { return v.raw }

func (v *flagValue) Type() string { return v.typ }

// Set replaces the default on first use; list flags given again append, so
// `--trusted-proxies a --trusted-proxies b` means both.
func (v *flagValue) Set(s string) error {
	isList := v.typ == list.flagType || v.typ == networks.flagType
	if v.changed && isList {
		v.raw += "," + s
	} else {
		v.raw = s
	}
	v.changed = true
	return nil
}

// readFlags returns the options set on the command line; flags left at
// their defaults are absent so they do not hide the file or environment.
func readFlags(fs *pflag.FlagSet) (*koanf.Koanf, error) {
	k := koanf.New(".")
	if fs == nil {
		return k, nil
	}
	// Without a koanf instance to consult, posflag skips unchanged flags.
	p := posflag.ProviderWithFlag(fs, ".", nil, func(f *pflag.Flag) (string, any) {
		if _, ok := lookup(f.Name); !ok {
			return "", nil // another command's flag, such as --help
		}
		return f.Name, f.Value.String()
	})
	if err := k.Load(p, nil); err != nil {
		return nil, err
	}
	return k, nil
}
