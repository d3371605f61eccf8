package entity_test

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/fedigraph/fedigraph/graph/interact"
	"github.com/fedigraph/fedigraph/graph/relations"
	"github.com/fedigraph/fedigraph/graph/store"
	"github.com/fedigraph/fedigraph/graph/testrig"
	"github.com/fedigraph/fedigraph/graph/uris"
	"github.com/fedigraph/fedigraph/mastoapi/entity"
)

// update rewrites the golden files from what the renderer produces now:
// go test ./mastoapi/entity -run TestGolden -update
var update = flag.Bool("update", false, "rewrite testdata/*.json golden files")

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	testrig.DropTemplates()
	os.Exit(code)
}

// testURIs is the instance the fixtures live on.
var testURIs = uris.Builder{Protocol: "https", Host: testrig.TestHost}

// newRenderer is a Renderer over db, as the server wires one.
func newRenderer(db *store.DB) *entity.Renderer {
	return &entity.Renderer{
		DB:        db,
		Interact:  &interact.Service{DB: db, URIs: testURIs},
		Relations: &relations.Service{DB: db, URIs: testURIs},
		Settings:  entity.Settings{URIs: testURIs, AccountDomain: testrig.TestHost},
	}
}

// must returns v, or stops the test binary with err: for fixture writes, which fail
// only when the fixtures themselves are wrong.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("fixture: %v", err))
	}
	return v
}
