// Package frontend serves the web app that ships inside the fedigraph binary. For now
// that is a placeholder page pointing to the Mastodon-app sign-in, /graphql and
// /graphiql; the SPA build will replace the embedded files.
package frontend

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed static
var files embed.FS

// Handler serves the embedded files, with index.html at "/". Paths without a file get
// 404 rather than the page, so a client calling an API route that does not exist is not
// handed HTML with status 200.
func Handler() http.Handler {
	root, err := fs.Sub(files, "static")
	if err != nil {
		panic("frontend: embedded static directory missing: " + err.Error()) // fixed at build time
	}
	return http.FileServerFS(root)
}
