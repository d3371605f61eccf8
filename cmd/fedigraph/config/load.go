package config

import (
	"errors"
	"fmt"

	"github.com/agnivade/levenshtein"
	"github.com/knadh/koanf/parsers/yaml"
	"github.com/knadh/koanf/providers/env/v2"
	"github.com/knadh/koanf/providers/file"
	"github.com/knadh/koanf/v2"
	"github.com/spf13/pflag"
)

// defaultSQLitePath is db-address when db-type is sqlite and none is given.
const defaultSQLitePath = "./data/sqlite.db"

// defaultPostgresHost is db-address when db-type is postgres and none is given.
const defaultPostgresHost = "localhost"

// layer is one source of values, named for error messages.
type layer struct {
	source string
	values *koanf.Koanf
}

// Load builds the configuration: defaults, overridden by the YAML file named
// by --config-path or FEDIGRAPH_CONFIG_PATH, overridden by FEDIGRAPH_*
// environment variables, overridden by the flags set in fs (which may be
// nil). Empty environment variables count as unset.
//
// Every invalid value is reported, each naming its option, its environment
// variable and where the value came from. An unknown key in the YAML file is
// an error rather than a warning, so a typo cannot silently leave a default
// in force.
func Load(fs *pflag.FlagSet) (*Config, error) {
	flags, err := readFlags(fs)
	if err != nil {
		return nil, fmt.Errorf("read flags: %w", err)
	}
	environment, err := readEnv()
	if err != nil {
		return nil, fmt.Errorf("read environment: %w", err)
	}
	// The file's own path can only come from the two layers above it.
	path, _ := flags.Get("config-path").(string)
	if path == "" {
		path, _ = environment.Get("config-path").(string)
	}
	yamlFile, err := readFile(path)
	if err != nil {
		return nil, err
	}

	layers := []layer{ // lowest precedence first
		{"config file " + path, yamlFile},
		{"environment", environment},
		{"flag", flags},
	}
	return build(layers)
}

// Defaults returns the configuration with every option at its default, as
// Load gives it when no file, environment variable or flag sets anything.
// Tests elsewhere start from it.
func Defaults() *Config {
	cfg, err := build(nil)
	if err != nil {
		panic("config: invalid default: " + err.Error()) // caught by TestDefaults
	}
	return cfg
}

// build reads every option from the highest layer that sets it, or its default.
func build(layers []layer) (*Config, error) {
	cfg := &Config{}
	var errs []error
	for _, o := range allOptions() {
		raw, source := valueOf(o, layers)
		if err := o.field(cfg).set(raw); err != nil {
			errs = append(errs, invalidValue(o, raw, source, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	cfg.fillDerived()
	return cfg, nil
}

// valueOf finds the raw value of o in the highest layer that sets it.
func valueOf(o option, layers []layer) (raw any, source string) {
	for i := len(layers) - 1; i >= 0; i-- {
		if layers[i].values.Exists(o.name) {
			return layers[i].values.Get(o.name), layers[i].source
		}
	}
	return o.def, "default"
}

func invalidValue(o option, raw any, source string, reason error) error {
	shown := fmt.Sprintf("%v", raw)
	if s, ok := raw.(string); ok {
		shown = fmt.Sprintf("%q", s)
	}
	if o.secret {
		shown = "(redacted)"
	}
	if source == "flag" {
		source = "flag --" + o.name
	}
	return fmt.Errorf("invalid value %s for %s (%s): %w (from %s)", shown, o.name, o.envName(), reason, source)
}

// fillDerived resolves defaults that depend on other options.
func (c *Config) fillDerived() {
	if c.DB.Address == "" {
		c.DB.Address = defaultSQLitePath
		if c.DB.Type == "postgres" {
			c.DB.Address = defaultPostgresHost
		}
	}
}

// readEnv returns the options set by FEDIGRAPH_* variables. Other variables
// with the prefix are ignored: tools and test suites use some of their own.
func readEnv() (*koanf.Koanf, error) {
	names := map[string]string{}
	for _, o := range allOptions() {
		names[o.envName()] = o.name
	}
	k := koanf.New(".")
	err := k.Load(env.Provider(".", env.Opt{
		Prefix: envPrefix,
		TransformFunc: func(key, value string) (string, any) {
			if value == "" {
				return "", nil
			}
			return names[key], value
		},
	}), nil)
	return k, err
}

// readFile returns the options set in the YAML file at path, if any.
func readFile(path string) (*koanf.Koanf, error) {
	k := koanf.New(".")
	if path == "" {
		return k, nil
	}
	if err := k.Load(file.Provider(path), yaml.Parser()); err != nil {
		return nil, fmt.Errorf("read config file %s: %w", path, err)
	}
	var errs []error
	for _, key := range k.Keys() {
		if o, ok := lookup(key); ok && o.cliOnly {
			errs = append(errs, fmt.Errorf("config file %s: %s can only be set by flag or environment variable", path, key))
		} else if !ok {
			errs = append(errs, fmt.Errorf("config file %s: unknown option %q%s", path, key, suggestion(key)))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return k, nil
}

// suggestion names the option closest to a mistyped key, if one is close.
func suggestion(key string) string {
	best, bestDistance := "", 4 // more edits than this is not a typo
	for _, o := range allOptions() {
		if d := levenshtein.ComputeDistance(key, o.name); d < bestDistance && !o.cliOnly {
			best, bestDistance = o.name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
