package config

import (
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// source is what one test sets in each place configuration can come from.
type source struct {
	yaml string            // config file contents; "" means no file
	env  map[string]string // FEDIGRAPH_* variables
	args []string          // command-line flags
}

// loadFrom runs Load as the binary would, with nothing from the real
// environment leaking in.
func loadFrom(t *testing.T, s source) (*Config, error) {
	t.Helper()
	clearEnv(t)
	if s.yaml != "" {
		path := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(path, []byte(s.yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("FEDIGRAPH_CONFIG_PATH", path)
	}
	for k, v := range s.env {
		t.Setenv(k, v)
	}
	fs := pflag.NewFlagSet("fedigraph", pflag.ContinueOnError)
	AddFlags(fs)
	if err := fs.Parse(s.args); err != nil {
		t.Fatalf("parse flags %v: %v", s.args, err)
	}
	return Load(fs)
}

// clearEnv blanks every option's variable for the test, since Load treats
// an empty variable as unset; a developer's own FEDIGRAPH_DB_TYPE must not
// change the outcome.
func clearEnv(t *testing.T) {
	for _, o := range allOptions() {
		t.Setenv(o.envName(), "")
	}
}

func mustLoad(t *testing.T, s source) *Config {
	t.Helper()
	cfg, err := loadFrom(t, s)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return cfg
}

func TestDefaults(t *testing.T) {
	want := &Config{
		LogLevel:       "info",
		Host:           "localhost",
		Protocol:       "https",
		BindAddress:    "0.0.0.0",
		Port:           8080,
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")},
		DB: DBConfig{
			Type: "sqlite", Address: "./data/sqlite.db", Port: 5432, Database: "fedigraph",
			TLSMode: "disable", MaxOpenConnsMultiplier: 8, SQLiteBusyTimeout: 5 * time.Second,
		},
		Storage:    StorageConfig{LocalBasePath: "./data/storage"},
		Instance:   InstanceConfig{Title: "fedigraph", Languages: []string{}},
		Accounts:   AccountsConfig{ApprovalRequired: true, ReasonRequired: true},
		Statuses:   StatusesConfig{MaxChars: 5000, PollMaxOptions: 6, PollOptionMaxChars: 50, MediaMaxFiles: 4},
		Media:      MediaConfig{ImageMaxSize: 40 << 20, VideoMaxSize: 40 << 20, DescriptionMaxChars: 1500, ProcessingWorkers: 2, RemoteCacheDays: 7},
		Web:        WebConfig{Enabled: true},
		GraphQL:    GraphQLConfig{MaxDepth: 15, MaxComplexity: 5000, GraphiQLEnabled: true},
		HTTPClient: HTTPClientConfig{AllowIPs: []netip.Prefix{}, BlockIPs: []netip.Prefix{}, Timeout: 30 * time.Second},
		Federation: FederationConfig{DeliveryBackoff: 30 * time.Second, DeliveryMaxAttempts: 12},
		Advanced:   AdvancedConfig{RateLimitRequests: 300, RateLimitExceptions: []netip.Prefix{}},
	}
	got := mustLoad(t, source{})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load with nothing set:\n got %+v\nwant %+v", got, want)
	}
	if d := Defaults(); !reflect.DeepEqual(d, want) {
		t.Errorf("Defaults():\n got %+v\nwant %+v", d, want)
	}
	if got.AccountDomainOrHost() != "localhost" || got.BaseURL() != "https://localhost" {
		t.Errorf("AccountDomainOrHost, BaseURL = %q, %q", got.AccountDomainOrHost(), got.BaseURL())
	}
}

func TestPrecedence(t *testing.T) {
	const yaml = "port: 9000\ninstance-title: From YAML\ndb-type: postgres\ntrusted-proxies: [10.0.0.0/8]\n"
	tests := []struct {
		name      string
		source    source
		wantPort  int
		wantTitle string
		wantDB    string
	}{
		{"YAML overrides defaults", source{yaml: yaml}, 9000, "From YAML", "postgres"},
		{"env overrides YAML", source{yaml: yaml, env: map[string]string{
			"FEDIGRAPH_PORT": "9100", "FEDIGRAPH_INSTANCE_TITLE": "From env",
		}}, 9100, "From env", "postgres"},
		{"flag overrides env", source{yaml: yaml, env: map[string]string{
			"FEDIGRAPH_PORT": "9100", "FEDIGRAPH_INSTANCE_TITLE": "From env",
		}, args: []string{"--port=9200", "--db-type", "sqlite"}}, 9200, "From env", "sqlite"},
		{"unset flag does not hide env", source{env: map[string]string{"FEDIGRAPH_PORT": "9100"}},
			9100, "fedigraph", "sqlite"},
		{"empty env variable counts as unset", source{yaml: yaml, env: map[string]string{"FEDIGRAPH_PORT": ""}},
			9000, "From YAML", "postgres"},
		{"unknown FEDIGRAPH_ variable is ignored", source{env: map[string]string{"FEDIGRAPH_TEST_SOMETHING": "x"}},
			8080, "fedigraph", "sqlite"},
		{"config path from flag", source{args: []string{"--config-path", writeFile(t, "port: 9300\n")}},
			9300, "fedigraph", "sqlite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustLoad(t, tt.source)
			if cfg.Port != tt.wantPort || cfg.Instance.Title != tt.wantTitle || cfg.DB.Type != tt.wantDB {
				t.Errorf("port, title, db-type = %d, %q, %q; want %d, %q, %q",
					cfg.Port, cfg.Instance.Title, cfg.DB.Type, tt.wantPort, tt.wantTitle, tt.wantDB)
			}
		})
	}
}

func writeFile(t *testing.T, contents string) string {
	path := filepath.Join(t.TempDir(), "flag-config.yaml")
	if err := os.WriteFile(path, []byte(contents), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestValueForms(t *testing.T) {
	tests := []struct {
		name   string
		source source
		got    func(*Config) any
		want   any
	}{
		{"list from env is comma-separated", source{env: map[string]string{"FEDIGRAPH_INSTANCE_LANGUAGES": "en, pt-BR"}},
			func(c *Config) any { return c.Instance.Languages }, []string{"en", "pt-BR"}},
		{"list from YAML", source{yaml: "instance-languages:\n  - de\n  - fr\n"},
			func(c *Config) any { return c.Instance.Languages }, []string{"de", "fr"}},
		{"repeated list flag accumulates", source{args: []string{"--trusted-proxies", "10.0.0.0/8", "--trusted-proxies", "fd00::1"}},
			func(c *Config) any { return c.TrustedProxies },
			[]netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::1/128")}},
		{"empty list flag clears the default", source{args: []string{"--trusted-proxies="}},
			func(c *Config) any { return c.TrustedProxies }, []netip.Prefix{}},
		{"bare bool flag means true", source{args: []string{"--accounts-registration-open"}},
			func(c *Config) any { return c.Accounts.RegistrationOpen }, true},
		{"bool flag set false", source{args: []string{"--web-enabled=false"}},
			func(c *Config) any { return c.Web.Enabled }, false},
		{"size with unit", source{env: map[string]string{"FEDIGRAPH_MEDIA_IMAGE_MAX_SIZE": "2MB"}},
			func(c *Config) any { return c.Media.ImageMaxSize }, ByteSize(2_000_000)},
		{"size as YAML number", source{yaml: "media-image-max-size: 1024\n"},
			func(c *Config) any { return c.Media.ImageMaxSize }, ByteSize(1024)},
		{"duration from YAML", source{yaml: "oauth-token-lifetime: 720h\n"},
			func(c *Config) any { return c.OAuth.TokenLifetime }, 720 * time.Hour},
		{"bare zero duration", source{yaml: "oauth-token-lifetime: 0\n"},
			func(c *Config) any { return c.OAuth.TokenLifetime }, time.Duration(0)},
		{"postgres address defaults to localhost", source{env: map[string]string{"FEDIGRAPH_DB_TYPE": "postgres"}},
			func(c *Config) any { return c.DB.Address }, "localhost"},
		{"account domain differs from host", source{env: map[string]string{
			"FEDIGRAPH_HOST": "fedi.example.org", "FEDIGRAPH_ACCOUNT_DOMAIN": "example.org"}},
			func(c *Config) any { return c.AccountDomainOrHost() + " " + c.BaseURL() }, "example.org https://fedi.example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.got(mustLoad(t, tt.source)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestInvalidValues(t *testing.T) {
	env := func(k, v string) source { return source{env: map[string]string{k: v}} }
	tests := []struct {
		source source
		want   string
	}{
		{env("FEDIGRAPH_DB_TYPE", "mysql"),
			`invalid value "mysql" for db-type (FEDIGRAPH_DB_TYPE): must be one of sqlite, postgres (from environment)`},
		{source{args: []string{"--port", "0"}}, `invalid value "0" for port (FEDIGRAPH_PORT): must be between 1 and 65535 (from flag --port)`},
		{env("FEDIGRAPH_PORT", "http"), `for port (FEDIGRAPH_PORT): must be a whole number`},
		{env("FEDIGRAPH_DB_PORT", "70000"), `for db-port (FEDIGRAPH_DB_PORT): must be between 1 and 65535`},
		{source{yaml: "protocol: ftp\n"}, `invalid value "ftp" for protocol (FEDIGRAPH_PROTOCOL): must be one of https, http (from config file `},
		{env("FEDIGRAPH_HOST", "https://example.org"), `for host (FEDIGRAPH_HOST): must be a domain name`},
		{env("FEDIGRAPH_ACCOUNT_DOMAIN", "example.org/users"), `for account-domain (FEDIGRAPH_ACCOUNT_DOMAIN): must be a domain name`},
		{env("FEDIGRAPH_BIND_ADDRESS", "0.0.0.0:80"), `for bind-address (FEDIGRAPH_BIND_ADDRESS): must be an IP address or host name, without a port`},
		{env("FEDIGRAPH_TRUSTED_PROXIES", "10.0.0.0/33"), `for trusted-proxies (FEDIGRAPH_TRUSTED_PROXIES): "10.0.0.0/33" is not a CIDR`},
		{env("FEDIGRAPH_HTTP_CLIENT_BLOCK_IPS", "intranet"), `for http-client-block-ips (FEDIGRAPH_HTTP_CLIENT_BLOCK_IPS): "intranet" is not an IP address or CIDR`},
		{env("FEDIGRAPH_HTTP_CLIENT_TIMEOUT", "30"), `for http-client-timeout (FEDIGRAPH_HTTP_CLIENT_TIMEOUT): must be a duration`},
		{source{yaml: "oauth-token-lifetime: 3600\n"}, `for oauth-token-lifetime (FEDIGRAPH_OAUTH_TOKEN_LIFETIME): must be a duration`},
		{env("FEDIGRAPH_DB_SQLITE_BUSY_TIMEOUT", "-1s"), `for db-sqlite-busy-timeout (FEDIGRAPH_DB_SQLITE_BUSY_TIMEOUT): must be at least 0s`},
		{env("FEDIGRAPH_MEDIA_IMAGE_MAX_SIZE", "lots"), `for media-image-max-size (FEDIGRAPH_MEDIA_IMAGE_MAX_SIZE): must be a size`},
		{env("FEDIGRAPH_MEDIA_IMAGE_MAX_SIZE", "0"), `for media-image-max-size (FEDIGRAPH_MEDIA_IMAGE_MAX_SIZE): must be at least 1`},
		{env("FEDIGRAPH_LOG_LEVEL", "verbose"), `for log-level (FEDIGRAPH_LOG_LEVEL): must be one of debug, info, warn, error`},
		{env("FEDIGRAPH_STATUSES_MAX_CHARS", "0"), `for statuses-max-chars (FEDIGRAPH_STATUSES_MAX_CHARS): must be at least 1`},
		{env("FEDIGRAPH_STATUSES_MAX_CHARS", "-5"), `for statuses-max-chars (FEDIGRAPH_STATUSES_MAX_CHARS): must be at least 1`},
		{env("FEDIGRAPH_DB_TLS_MODE", "verify-full"), `for db-tls-mode (FEDIGRAPH_DB_TLS_MODE): must be one of disable, enable, require`},
		{env("FEDIGRAPH_INSTANCE_LANGUAGES", "en,en_US!"), `for instance-languages (FEDIGRAPH_INSTANCE_LANGUAGES): "en_US!" is not a BCP 47 language tag`},
		{env("FEDIGRAPH_WEB_ENABLED", "maybe"), `for web-enabled (FEDIGRAPH_WEB_ENABLED): must be true or false`},
		{source{yaml: "instance-title: [a, b]\n"}, `for instance-title (FEDIGRAPH_INSTANCE_TITLE): must be text`},
		{source{yaml: "statuses-max-chars: 5.5\n"}, `for statuses-max-chars (FEDIGRAPH_STATUSES_MAX_CHARS): must be a whole number`},
		{source{yaml: "db-password: 123456\n"}, `invalid value (redacted) for db-password (FEDIGRAPH_DB_PASSWORD): must be text; put it in quotes`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := loadFrom(t, tt.source)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v\nwant it to contain %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "123456") {
				t.Errorf("error shows the password: %v", err)
			}
		})
	}
}

func TestEveryInvalidValueIsReported(t *testing.T) {
	_, err := loadFrom(t, source{env: map[string]string{"FEDIGRAPH_DB_TYPE": "mysql", "FEDIGRAPH_PORT": "0"}})
	if err == nil || !strings.Contains(err.Error(), "db-type") || !strings.Contains(err.Error(), "port (FEDIGRAPH_PORT)") {
		t.Fatalf("Load error = %v, want both db-type and port named", err)
	}
}

func TestConfigFileErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{"typo", "db-typ: postgres\n", `unknown option "db-typ"; did you mean "db-type"?`},
		{"nested keys are not options", "db:\n  type: postgres\n", `unknown option "db.type"`},
		{"file cannot name itself", "config-path: other.yaml\n", `config-path can only be set by flag or environment variable`},
		{"not YAML", "port: [\n", `read config file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFrom(t, source{yaml: tt.yaml})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v, want it to contain %s", err, tt.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		_, err := loadFrom(t, source{env: map[string]string{"FEDIGRAPH_CONFIG_PATH": "/nonexistent/fedigraph.yaml"}})
		if err == nil || !strings.Contains(err.Error(), "/nonexistent/fedigraph.yaml") {
			t.Fatalf("Load error = %v, want it to name the missing file", err)
		}
	})
}

func TestFlagHelpShowsDefaults(t *testing.T) {
	fs := pflag.NewFlagSet("fedigraph", pflag.ContinueOnError)
	AddFlags(fs)
	help := fs.FlagUsages()
	for _, want := range []string{
		"--port int", "TCP port the server listens on (default 8080)",
		"--media-image-max-size bytes", "(default 40MiB)",
		"--db-type string", `(default "sqlite")`,
		"--http-client-timeout duration", "(default 30s)",
		"--trusted-proxies cidrs", "(default 127.0.0.1/32,::1)",
	} {
		if !strings.Contains(help, want) {
			t.Errorf("flag help lacks %q:\n%s", want, help)
		}
	}
}
