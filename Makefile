# The portal's commands. `make dev` and `make test` install what is missing.
PORT ?= 8787
STATE_DIR ?= .state

export PATH := $(HOME)/.cargo/bin:$(PATH)
export WRANGLER_SEND_METRICS := false
export CLOUDFLARE_CF_FETCH_ENABLED := false
export WRANGLER_HIDE_BANNER := true

.PHONY: dev test setup setup-tests openapi build lint test-native test-config test-e2e test-browser fuzz bench deploy clean

## dev: build the Worker, migrate the local D1 in STATE_DIR, serve on PORT
dev: setup build
	PORT=$(PORT) STATE_DIR=$(STATE_DIR) scripts/dev.sh

## test: formatting and lints, native unit/store/API tests, the deploy check and bundle size, end to end, then in a browser
test: setup setup-tests lint test-native build test-config test-e2e test-browser

setup:
	@scripts/setup.sh

## setup-tests: the Python tools the tests use, at the versions scripts/requirements-test.txt pins
setup-tests:
	@scripts/setup-tests.sh

build:
	scripts/build.sh

## openapi: writes assets/api/openapi.json from the route table and the API's answer types
openapi:
	UPDATE_OPENAPI=1 cargo test --test api the_openapi_document_is_generated_from_the_route_table

lint:
	cargo fmt --check
	cargo clippy --all-targets --features e2e -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features front -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features desk -- -D warnings

test-native:
	cargo test --all-targets

## test-config: the deploy check refuses the committed settings and passes complete ones; the dry-run upload within the plan's size; the Worker without its settings answers 500
test-config:
	scripts/config-test.sh

test-e2e:
	scripts/e2e.sh

## test-browser: Debian's Chromium through playwright-core, axe-core on every page
test-browser:
	scripts/browser.sh

## fuzz: the OpenAPI contract with many more examples, then cargo-fuzz on the parsers
fuzz: setup build
	CONTRACT_EXAMPLES=300 scripts/e2e.sh
	scripts/fuzz.sh

## bench: bundle size, start-up, wrk throughput/latency per endpoint against wrangler dev; writes bench/report.md and bench/report.png
bench: setup build
	scripts/bench.sh

## deploy: stops with the list of missing production settings, else builds, migrates D1 and deploys; needs a Cloudflare account (README: Deploy)
deploy: setup
	scripts/deploy.sh

clean:
	rm -rf build build-desk target node_modules $(STATE_DIR)
