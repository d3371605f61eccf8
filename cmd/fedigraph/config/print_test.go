package config

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

func TestPrint(t *testing.T) {
	cfg := mustLoad(t, source{env: map[string]string{
		"FEDIGRAPH_DB_TYPE": "postgres", "FEDIGRAPH_DB_PASSWORD": "hunter2", "FEDIGRAPH_INSTANCE_LANGUAGES": "en,de",
	}})
	decoders := map[string]func([]byte, any) error{"yaml": yaml.Unmarshal, "json": json.Unmarshal}
	for format, decode := range decoders {
		t.Run(format, func(t *testing.T) {
			var out bytes.Buffer
			if err := cfg.Print(&out, format); err != nil {
				t.Fatalf("Print: %v", err)
			}
			if strings.Contains(out.String(), "hunter2") {
				t.Fatalf("Print shows the database password:\n%s", out.String())
			}
			var printed map[string]any
			if err := decode(out.Bytes(), &printed); err != nil {
				t.Fatalf("output does not parse as %s: %v\n%s", format, err, out.String())
			}
			want := map[string]any{
				"db-password": "(redacted)", "db-type": "postgres", "db-address": "localhost",
				"media-image-max-size": "40MiB", "http-client-timeout": "30s",
				"instance-languages": []any{"en", "de"},
			}
			for key, value := range want {
				if !reflect.DeepEqual(printed[key], value) {
					t.Errorf("%s = %#v, want %#v", key, printed[key], value)
				}
			}
			if len(printed) != len(allOptions()) {
				t.Errorf("printed %d options, want all %d", len(printed), len(allOptions()))
			}
		})
	}
	if err := cfg.Print(&bytes.Buffer{}, "toml"); err == nil || !strings.Contains(err.Error(), `unknown format "toml"`) {
		t.Errorf("Print with format toml: error = %v", err)
	}
}

func TestPrintShowsEmptyPassword(t *testing.T) {
	var out bytes.Buffer
	if err := Defaults().Print(&out, "yaml"); err != nil {
		t.Fatal(err)
	}
	// An empty password is worth seeing: it explains a failed login.
	if !strings.Contains(out.String(), "db-password: \"\"\n") {
		t.Errorf("empty password not shown as empty:\n%s", out.String())
	}
}

func TestExampleLoadsAsDefaults(t *testing.T) {
	var example bytes.Buffer
	if err := WriteExample(&example); err != nil {
		t.Fatalf("WriteExample: %v", err)
	}
	for _, o := range allOptions() {
		if !o.cliOnly && !strings.Contains(example.String(), "\n"+o.name+":") {
			t.Errorf("example lacks %s", o.name)
		}
	}
	cfg := mustLoad(t, source{yaml: example.String()})
	cfg.ConfigPath = ""
	if want := Defaults(); !reflect.DeepEqual(cfg, want) {
		t.Errorf("example loads as\n%+v\nwant the defaults\n%+v", cfg, want)
	}
	// An operator who copies the example and switches to postgres must not
	// be left pointing at the sqlite file.
	cfg = mustLoad(t, source{yaml: strings.Replace(example.String(), "db-type: sqlite", "db-type: postgres", 1)})
	if cfg.DB.Address != "localhost" {
		t.Errorf("example switched to postgres has db-address %q, want localhost", cfg.DB.Address)
	}
}

func TestConfigCommand(t *testing.T) {
	run := func(t *testing.T, env map[string]string, args ...string) (string, error) {
		clearEnv(t)
		for k, v := range env {
			t.Setenv(k, v)
		}
		root := &cobra.Command{Use: "fedigraph", SilenceUsage: true, SilenceErrors: true}
		AddFlags(root.PersistentFlags())
		root.AddCommand(NewCommand())
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetArgs(args)
		err := root.Execute()
		return out.String(), err
	}
	t.Run("prints effective config as JSON", func(t *testing.T) {
		out, err := run(t, map[string]string{"FEDIGRAPH_INSTANCE_TITLE": "From env"}, "config", "--db-type", "postgres", "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		var printed map[string]any
		if err := json.Unmarshal([]byte(out), &printed); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if printed["db-type"] != "postgres" || printed["instance-title"] != "From env" {
			t.Errorf("db-type, instance-title = %v, %v", printed["db-type"], printed["instance-title"])
		}
	})
	t.Run("rejects an invalid value", func(t *testing.T) {
		_, err := run(t, nil, "config", "--port", "99999")
		if err == nil || !strings.Contains(err.Error(), "for port (FEDIGRAPH_PORT)") {
			t.Errorf("error = %v, want it to name port", err)
		}
	})
	t.Run("example", func(t *testing.T) {
		out, err := run(t, nil, "config", "example")
		if err != nil || !strings.HasPrefix(out, "# fedigraph configuration file.") || !strings.Contains(out, "\ndb-type: sqlite\n") {
			t.Errorf("config example: err %v, output:\n%s", err, out)
		}
	})
}
