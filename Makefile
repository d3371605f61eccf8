# fedigraph — build, run, test and code generation. Run `make help` for the targets.

GO        ?= go
BIN       ?= bin/fedigraph
LDFLAGS   ?=
# Flags for `make run`: a local instance at http://localhost:8080 on SQLite in ./data.
RUN_FLAGS ?= --protocol http --host localhost:8080
# PostgreSQL on which the tests create (and drop) their own databases. Every storage
# test runs on SQLite and on this server; unset it to skip the PostgreSQL half.
FEDIGRAPH_TEST_POSTGRES_DSN ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
export FEDIGRAPH_TEST_POSTGRES_DSN
# With this set, a storage test that finds no PostgreSQL fails instead of skipping.
FEDIGRAPH_TEST_REQUIRE_POSTGRES ?= 1
export FEDIGRAPH_TEST_REQUIRE_POSTGRES
TEST_TIMEOUT ?= 20m
TESTFLAGS    ?=
# The masto.js end-to-end tests (cmd/fedigraph TestMastoJS) run node in this project.
MASTOJS_E2E  := mastoapi/e2e

.PHONY: help build run generate check-generate test bench vet fmt

help:
	@echo "make build           build $(BIN)"
	@echo "make run             build, then serve http://localhost:8080 with SQLite in ./data"
	@echo "make test            all tests, on SQLite and PostgreSQL ($$FEDIGRAPH_TEST_POSTGRES_DSN)"
	@echo "make bench           benchmarks"
	@echo "make generate        regenerate the ent client and the GraphQL executor"
	@echo "make check-generate  fail if generated code is out of date"
	@echo "make vet / make fmt  go vet / gofmt"

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/fedigraph

run: build
	./$(BIN) server start $(RUN_FLAGS)

# ent first: entgql writes graph/ent.graphqls, which gqlgen then reads.
generate:
	cd ent && $(GO) run -mod=mod entc.go
	$(GO) tool gqlgen generate
	$(GO) test ./graph -run TestSDLIsUpToDate -update-sdl -count=1 >/dev/null

check-generate: generate
	@changed="$$(git status --porcelain -- ent graph gqlgen.yml docs/schema.graphql)"; \
	if [ -n "$$changed" ]; then \
		echo "Generated code is out of date; run 'make generate' and commit the result:"; \
		echo "$$changed"; \
		git --no-pager diff --stat -- ent graph; \
		exit 1; \
	fi

test: $(MASTOJS_E2E)/node_modules/.package-lock.json
	@echo "Storage tests run on SQLite and on PostgreSQL at $$FEDIGRAPH_TEST_POSTGRES_DSN (required: they fail, not skip, without it)."
	$(GO) test -timeout $(TEST_TIMEOUT) $(TESTFLAGS) ./...
	@# Planned: frontend unit tests and browser tests run here too.

# npm writes node_modules/.package-lock.json on every install, so this installs the
# masto.js tests' packages when they are missing or package-lock.json has changed.
# Without npm, TestMastoJS skips (and fails under CI) with the command to run.
$(MASTOJS_E2E)/node_modules/.package-lock.json: $(MASTOJS_E2E)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(MASTOJS_E2E) && npm ci --no-audit --no-fund; \
	else \
		echo "npm not found: the masto.js end-to-end tests will not run (install Node.js 20+, then run npm ci in $(MASTOJS_E2E))"; \
	fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout $(TEST_TIMEOUT) ./...

vet:
	$(GO) vet ./...

fmt:
	gofmt -s -w $$(git ls-files '*.go')
