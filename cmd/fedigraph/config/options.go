package config

import (
	"net/netip"
	"strings"
	"time"
)

// option describes one setting. The table below is the only place an option
// is spelled out: its flag, environment variable, example entry and
// validation all derive from it.
type option struct {
	// name is the kebab-case key used in YAML and as --name.
	name string
	// def is the default, written as a user would write it in the environment.
	def   string
	usage string
	field func(*Config) field
	// secret values are redacted when printed and in error messages.
	secret bool
	// cliOnly options can only come from a flag or the environment
	// (the config file cannot name itself).
	cliOnly bool
}

// envName is the environment variable that sets the option.
func (o option) envName() string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(o.name, "-", "_"))
}

const envPrefix = "FEDIGRAPH_"

// section groups options under a heading in the example file.
type section struct {
	title   string
	options []option
}

var sections = []section{
	{"General", []option{
		{name: "config-path", usage: "YAML file to read options from", cliOnly: true,
			field: bind(text, func(c *Config) *string { return &c.ConfigPath })},
		{name: "log-level", def: "info", usage: "log level: debug, info, warn or error",
			field: bind(text, func(c *Config) *string { return &c.LogLevel }, oneOf("debug", "info", "warn", "error"))},
	}},
	{"Instance address", []option{
		{name: "host", def: "localhost", usage: "domain this instance is reached at; do not change it once federating",
			field: bind(text, func(c *Config) *string { return &c.Host }, hostName)},
		{name: "account-domain", usage: `domain shown in @user@domain handles; "" uses host`,
			field: bind(text, func(c *Config) *string { return &c.AccountDomain }, optionalHostName)},
		{name: "protocol", def: "https", usage: "protocol clients and servers use to reach host: https, or http for local testing",
			field: bind(text, func(c *Config) *string { return &c.Protocol }, oneOf("https", "http"))},
		{name: "bind-address", def: "0.0.0.0", usage: "IP address or host name the server listens on",
			field: bind(text, func(c *Config) *string { return &c.BindAddress }, listenAddress)},
		{name: "port", def: "8080", usage: "TCP port the server listens on",
			field: bind(integer, func(c *Config) *int { return &c.Port }, between(1, 65535))},
		{name: "trusted-proxies", def: "127.0.0.1/32,::1", usage: "reverse proxies (IPs or CIDRs) whose X-Forwarded-For header is trusted",
			field: bind(networks, func(c *Config) *[]netip.Prefix { return &c.TrustedProxies })},
	}},
	{"Database", []option{
		{name: "db-type", def: "sqlite", usage: "database: sqlite or postgres",
			field: bind(text, func(c *Config) *string { return &c.DB.Type }, oneOf("sqlite", "postgres"))},
		{name: "db-address", usage: "where the database is: for sqlite a file (default " + defaultSQLitePath + "), for postgres a host, socket directory or postgres:// URL (default " + defaultPostgresHost + ")",
			field: bind(text, func(c *Config) *string { return &c.DB.Address })},
		{name: "db-port", def: "5432", usage: "postgres port",
			field: bind(integer, func(c *Config) *int { return &c.DB.Port }, between(1, 65535))},
		{name: "db-user", usage: "postgres user",
			field: bind(text, func(c *Config) *string { return &c.DB.User })},
		{name: "db-password", usage: "postgres password", secret: true,
			field: bind(text, func(c *Config) *string { return &c.DB.Password })},
		{name: "db-database", def: "fedigraph", usage: "postgres database name",
			field: bind(text, func(c *Config) *string { return &c.DB.Database }, notEmpty)},
		{name: "db-tls-mode", def: "disable", usage: "postgres TLS: disable, enable (verify the certificate) or require (encrypt without verifying)",
			field: bind(text, func(c *Config) *string { return &c.DB.TLSMode }, oneOf("disable", "enable", "require"))},
		{name: "db-max-open-conns-multiplier", def: "8", usage: "open database connections allowed per CPU",
			field: bind(integer, func(c *Config) *int { return &c.DB.MaxOpenConnsMultiplier }, atLeast(1))},
		{name: "db-sqlite-busy-timeout", def: "5s", usage: "how long sqlite waits for a locked database",
			field: bind(duration, func(c *Config) *time.Duration { return &c.DB.SQLiteBusyTimeout }, atLeast(time.Duration(0)))},
	}},
	{"Storage", []option{
		{name: "storage-local-base-path", def: "./data/storage", usage: "directory for uploaded and cached media",
			field: bind(text, func(c *Config) *string { return &c.Storage.LocalBasePath }, notEmpty)},
	}},
	{"Instance", []option{
		{name: "instance-title", def: "fedigraph", usage: "name of this instance, shown to visitors and other servers",
			field: bind(text, func(c *Config) *string { return &c.Instance.Title })},
		{name: "instance-description", usage: "short description of this instance",
			field: bind(text, func(c *Config) *string { return &c.Instance.Description })},
		{name: "instance-languages", usage: "BCP 47 tags of the languages used here, most used first (e.g. en,de)",
			field: bind(list, func(c *Config) *[]string { return &c.Instance.Languages }, languageTags)},
		{name: "instance-expose-peers", def: "false", usage: "publish the list of instances this one knows",
			field: bind(boolean, func(c *Config) *bool { return &c.Instance.ExposePeers })},
	}},
	{"Accounts", []option{
		{name: "accounts-registration-open", def: "false", usage: "let visitors sign up",
			field: bind(boolean, func(c *Config) *bool { return &c.Accounts.RegistrationOpen })},
		{name: "accounts-approval-required", def: "true", usage: "new sign-ups wait for a moderator's approval",
			field: bind(boolean, func(c *Config) *bool { return &c.Accounts.ApprovalRequired })},
		{name: "accounts-reason-required", def: "true", usage: "sign-ups must say why they want to join",
			field: bind(boolean, func(c *Config) *bool { return &c.Accounts.ReasonRequired })},
	}},
	{"Statuses", []option{
		{name: "statuses-max-chars", def: "5000", usage: "longest post, in characters",
			field: bind(integer, func(c *Config) *int { return &c.Statuses.MaxChars }, atLeast(1))},
		{name: "statuses-poll-max-options", def: "6", usage: "most options a poll may have",
			field: bind(integer, func(c *Config) *int { return &c.Statuses.PollMaxOptions }, atLeast(2))},
		{name: "statuses-poll-option-max-chars", def: "50", usage: "longest poll option, in characters",
			field: bind(integer, func(c *Config) *int { return &c.Statuses.PollOptionMaxChars }, atLeast(1))},
		{name: "statuses-media-max-files", def: "4", usage: "most media attachments on one post",
			field: bind(integer, func(c *Config) *int { return &c.Statuses.MediaMaxFiles }, atLeast(0))},
	}},
	{"Media", []option{
		{name: "media-image-max-size", def: "40MiB", usage: "largest image upload, in bytes or with a unit (40MiB)",
			field: bind(size, func(c *Config) *ByteSize { return &c.Media.ImageMaxSize }, atLeast(ByteSize(1)))},
		{name: "media-video-max-size", def: "40MiB", usage: "largest video or audio upload, in bytes or with a unit",
			field: bind(size, func(c *Config) *ByteSize { return &c.Media.VideoMaxSize }, atLeast(ByteSize(1)))},
		{name: "media-processing-workers", def: "2", usage: "uploads one process decodes at once (each large image takes up to ~150 MB while it is processed)",
			field: bind(integer, func(c *Config) *int { return &c.Media.ProcessingWorkers }, atLeast(1))},
		{name: "media-description-max-chars", def: "1500", usage: "longest media description (alt text), in characters",
			field: bind(integer, func(c *Config) *int { return &c.Media.DescriptionMaxChars }, atLeast(1))},
		{name: "media-remote-cache-days", def: "7", usage: "days to keep remote media cached; 0 keeps it forever",
			field: bind(integer, func(c *Config) *int { return &c.Media.RemoteCacheDays }, atLeast(0))},
	}},
	{"Web and GraphQL", []option{
		{name: "web-enabled", def: "true", usage: "serve the bundled web front-end",
			field: bind(boolean, func(c *Config) *bool { return &c.Web.Enabled })},
		{name: "graphql-max-depth", def: "15", usage: "deepest GraphQL query accepted",
			field: bind(integer, func(c *Config) *int { return &c.GraphQL.MaxDepth }, atLeast(1))},
		{name: "graphql-max-complexity", def: "5000", usage: "most complex GraphQL query accepted (list fields cost their page size times their contents)",
			field: bind(integer, func(c *Config) *int { return &c.GraphQL.MaxComplexity }, atLeast(1))},
		{name: "graphiql-enabled", def: "true", usage: "serve the GraphiQL explorer",
			field: bind(boolean, func(c *Config) *bool { return &c.GraphQL.GraphiQLEnabled })},
	}},
	{"OAuth", []option{
		{name: "oauth-token-lifetime", def: "0s", usage: "how long an access token stays valid; 0 means it never expires",
			field: bind(duration, func(c *Config) *time.Duration { return &c.OAuth.TokenLifetime }, atLeast(time.Duration(0)))},
	}},
	{"Outgoing HTTP", []option{
		{name: "http-client-allow-ips", usage: "CIDRs that may be contacted even though private or blocked",
			field: bind(networks, func(c *Config) *[]netip.Prefix { return &c.HTTPClient.AllowIPs })},
		{name: "http-client-block-ips", usage: "CIDRs that are never contacted",
			field: bind(networks, func(c *Config) *[]netip.Prefix { return &c.HTTPClient.BlockIPs })},
		{name: "http-client-timeout", def: "30s", usage: "longest wait for another server's response",
			field: bind(duration, func(c *Config) *time.Duration { return &c.HTTPClient.Timeout }, atLeast(time.Millisecond))},
	}},
	{"Federation", []option{
		{name: "federation-authorized-fetch", def: "false", usage: "require HTTP signatures on ActivityPub GET requests",
			field: bind(boolean, func(c *Config) *bool { return &c.Federation.AuthorizedFetch })},
		{name: "federation-delivery-backoff", def: "30s", usage: "wait before retrying a failed delivery to another server; doubles with each retry, up to 6h",
			field: bind(duration, func(c *Config) *time.Duration { return &c.Federation.DeliveryBackoff }, atLeast(10*time.Millisecond))},
		{name: "federation-delivery-max-attempts", def: "12", usage: "tries of one delivery before it is given up (12 with the default backoff: about a day and a half)",
			field: bind(integer, func(c *Config) *int { return &c.Federation.DeliveryMaxAttempts }, atLeast(1))},
	}},
	{"Advanced", []option{
		{name: "advanced-rate-limit-requests", def: "300", usage: "requests per client IP per 5 minutes; 0 turns rate limiting off",
			field: bind(integer, func(c *Config) *int { return &c.Advanced.RateLimitRequests }, atLeast(0))},
		{name: "advanced-rate-limit-exceptions", usage: "client CIDRs never rate limited",
			field: bind(networks, func(c *Config) *[]netip.Prefix { return &c.Advanced.RateLimitExceptions })},
	}},
}

// allOptions lists every option in table order.
func allOptions() []option {
	var out []option
	for _, s := range sections {
		out = append(out, s.options...)
	}
	return out
}

// lookup finds an option by its kebab-case name.
func lookup(name string) (option, bool) {
	for _, o := range allOptions() {
		if o.name == name {
			return o, true
		}
	}
	return option{}, false
}
