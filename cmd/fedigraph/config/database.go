package config

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Driver names as registered with database/sql by modernc.org/sqlite and
// github.com/lib/pq. The caller imports the drivers; this package only names them.
const (
	SQLiteDriver   = "sqlite"
	PostgresDriver = "postgres"
)

// DatabaseDriver returns the database/sql driver name for db-type.
func (c *Config) DatabaseDriver() string {
	if c.DB.Type == "postgres" {
		return PostgresDriver
	}
	return SQLiteDriver
}

// DatabaseDSN returns the data source name to pass to sql.Open along with
// DatabaseDriver.
//
// For sqlite it is db-address with the pragmas fedigraph relies on: foreign
// keys (ent's migrations refuse to run without them), WAL so readers do not
// block the writer, and the busy timeout. For postgres it is a lib/pq URL
// built from the db-* options, or db-address itself if that is already a
// postgres:// URL.
func (c *Config) DatabaseDSN() string {
	if c.DB.Type == "postgres" {
		return c.postgresDSN()
	}
	return c.sqliteDSN()
}

func (c *Config) sqliteDSN() string {
	separator := "?"
	if strings.Contains(c.DB.Address, "?") {
		separator = "&"
	}
	busy := strconv.FormatInt(c.DB.SQLiteBusyTimeout.Milliseconds(), 10)
	return c.DB.Address + separator +
		"_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(" + busy + ")"
}

// pqSSLMode maps db-tls-mode to lib/pq's sslmode, with GoToSocial's meaning:
// "enable" verifies the server, "require" only encrypts.
var pqSSLMode = map[string]string{
	"disable": "disable",
	"enable":  "verify-full",
	"require": "require",
}

func (c *Config) postgresDSN() string {
	address := c.DB.Address
	if strings.HasPrefix(address, "postgres://") || strings.HasPrefix(address, "postgresql://") {
		return address
	}
	u := url.URL{Scheme: "postgres", Path: "/" + c.DB.Database}
	switch {
	case c.DB.User != "" && c.DB.Password != "":
		u.User = url.UserPassword(c.DB.User, c.DB.Password)
	case c.DB.User != "":
		u.User = url.User(c.DB.User)
	}
	query := url.Values{"sslmode": {pqSSLMode[c.DB.TLSMode]}}
	port := strconv.Itoa(c.DB.Port)
	if strings.HasPrefix(address, "/") {
		// A unix socket directory cannot be the URL's host; lib/pq takes it
		// from the query instead.
		query.Set("host", address)
		query.Set("port", port)
	} else {
		u.Host = net.JoinHostPort(address, port)
	}
	u.RawQuery = query.Encode()
	return u.String()
}
