# The portal's commands. `make dev` and `make test` install what is missing.
PORT ?= 8787
STATE_DIR ?= .state

export PATH := $(HOME)/.cargo/bin:$(PATH)
export WRANGLER_SEND_METRICS := false
export CLOUDFLARE_CF_FETCH_ENABLED := false
export WRANGLER_HIDE_BANNER := true

.PHONY: dev test setup build lint test-native test-e2e test-browser fuzz bench deploy clean

## dev: build the Worker, migrate the local D1 in STATE_DIR, serve on PORT
dev: setup build
	PORT=$(PORT) STATE_DIR=$(STATE_DIR) scripts/dev.sh

## test: formatting and lints, native unit/store/API tests, end to end, then in a browser
test: setup lint test-native build test-e2e test-browser

setup:
	@scripts/setup.sh

build:
	scripts/build.sh

lint:
	cargo fmt --check
	cargo clippy --all-targets --features e2e -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings

test-native:
	cargo test --all-targets

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

## deploy: needs a Cloudflare account (README: Deploy); it cannot run here
deploy: setup build
	npx wrangler d1 migrations apply DB --remote
	npx wrangler deploy

clean:
	rm -rf build target node_modules $(STATE_DIR)
