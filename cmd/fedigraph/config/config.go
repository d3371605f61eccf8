// Package config loads fedigraph's configuration from defaults, a YAML file,
// FEDIGRAPH_* environment variables and command-line flags, in increasing
// order of precedence, and checks it before the server starts.
//
// Every option is described once, in the table in options.go; the flags, the
// environment variable names, the example file and the validation all come
// from that table, so an option cannot drift between them.
package config

import (
	"log/slog"
	"net/netip"
	"time"
)

// Config is the effective configuration the rest of the program reads.
// Load fills and validates it; code elsewhere treats it as read-only.
type Config struct {
	// ConfigPath is the YAML file the configuration was read from ("" if none).
	ConfigPath string
	// LogLevel is one of debug, info, warn, error; see SlogLevel.
	LogLevel string

	// Host is the domain this instance is reached at, without scheme or path.
	Host string
	// AccountDomain is the domain in @user@domain; "" means Host.
	AccountDomain string
	// Protocol is https, or http for local testing.
	Protocol    string
	BindAddress string
	Port        int
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix

	DB         DBConfig
	Storage    StorageConfig
	Instance   InstanceConfig
	Accounts   AccountsConfig
	Statuses   StatusesConfig
	Media      MediaConfig
	Web        WebConfig
	GraphQL    GraphQLConfig
	OAuth      OAuthConfig
	HTTPClient HTTPClientConfig
	Federation FederationConfig
	Advanced   AdvancedConfig
}

// DBConfig says which database to use and how to reach it; see
// Config.DatabaseDriver and Config.DatabaseDSN.
type DBConfig struct {
	// Type is sqlite or postgres.
	Type string
	// Address is a file path for sqlite; for postgres a host name, a unix
	// socket directory, or a complete postgres:// URL used as is.
	Address  string
	Port     int
	User     string
	Password string
	Database string
	// TLSMode is disable, enable (verify the server certificate) or require
	// (encrypt without verifying).
	TLSMode string
	// MaxOpenConnsMultiplier times GOMAXPROCS bounds the connection pool.
	MaxOpenConnsMultiplier int
	SQLiteBusyTimeout      time.Duration
}

// StorageConfig says where uploaded and cached media live.
type StorageConfig struct {
	LocalBasePath string
}

// InstanceConfig describes the instance to visitors and other servers.
type InstanceConfig struct {
	Title       string
	Description string
	// Languages are BCP 47 tags, most used first.
	Languages []string
	// ExposePeers publishes the list of known instances.
	ExposePeers bool
}

// AccountsConfig governs sign-ups.
type AccountsConfig struct {
	RegistrationOpen bool
	ApprovalRequired bool
	ReasonRequired   bool
}

// StatusesConfig limits what a local post may contain.
type StatusesConfig struct {
	MaxChars           int
	PollMaxOptions     int
	PollOptionMaxChars int
	MediaMaxFiles      int
}

// MediaConfig limits uploads and remote media caching.
type MediaConfig struct {
	ImageMaxSize        ByteSize
	VideoMaxSize        ByteSize
	DescriptionMaxChars int
	// ProcessingWorkers bounds how many uploads one process decodes at once.
	ProcessingWorkers int
	// RemoteCacheDays is how long remote media stays cached; 0 keeps it forever.
	RemoteCacheDays int
}

// WebConfig switches the bundled web front-end.
type WebConfig struct {
	Enabled bool
}

// GraphQLConfig bounds the cost of a GraphQL operation and switches GraphiQL.
type GraphQLConfig struct {
	MaxDepth        int
	MaxComplexity   int
	GraphiQLEnabled bool
}

// OAuthConfig governs issued tokens.
type OAuthConfig struct {
	// TokenLifetime of 0 means tokens never expire.
	TokenLifetime time.Duration
}

// HTTPClientConfig governs outgoing requests to other servers.
type HTTPClientConfig struct {
	// AllowIPs are reachable even though they are private or otherwise blocked.
	AllowIPs []netip.Prefix
	// BlockIPs are never contacted.
	BlockIPs []netip.Prefix
	Timeout  time.Duration
}

// FederationConfig governs ActivityPub behaviour.
type FederationConfig struct {
	// AuthorizedFetch requires signed GETs for ActivityPub objects.
	AuthorizedFetch bool
	// DeliveryBackoff is the wait before a failed delivery's first retry; each next
	// wait doubles. DeliveryMaxAttempts caps the tries of one delivery.
	DeliveryBackoff     time.Duration
	DeliveryMaxAttempts int
}

// AdvancedConfig holds options most instances leave alone.
type AdvancedConfig struct {
	// RateLimitRequests per 5 minutes per client IP; 0 turns limiting off.
	RateLimitRequests int
	// RateLimitExceptions are client networks never rate limited.
	RateLimitExceptions []netip.Prefix
}

// AccountDomainOrHost returns the domain used in @user@domain handles.
func (c *Config) AccountDomainOrHost() string {
	if c.AccountDomain != "" {
		return c.AccountDomain
	}
	return c.Host
}

// BaseURL returns protocol://host, without a trailing slash.
func (c *Config) BaseURL() string {
	return c.Protocol + "://" + c.Host
}

// SlogLevel returns LogLevel as a log/slog level.
func (c *Config) SlogLevel() slog.Level {
	var level slog.Level
	// LogLevel was validated by Load, so the error cannot happen there;
	// a hand-built Config with a bad level falls back to info.
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return slog.LevelInfo
	}
	return level
}
