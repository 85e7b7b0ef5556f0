# portone-verify — every target sets up what it needs (scripts/setup is idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Node-target build used by the JS tests (dev profile: fast to build, same behaviour).
PKG_NODE := target/pkg-node

.PHONY: setup test test-rust test-wasm test-js test-workerd test-e2e test-consumers pkg pkg-node pkg-workerd bench clean demo faults fuzz

setup:
	@./scripts/setup

## The README's test command.
test: setup test-rust test-wasm test-js test-workerd test-e2e test-consumers

test-rust:
	cargo fmt --check
	cargo test --all-features
	cargo clippy --all-targets --all-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features client,webhook,fast-verify,browser-test -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features -- -D warnings

test-wasm: setup
	wasm-pack test --node
	wasm-pack test --headless --chrome --features browser-test

# Its CommonJS glue requires the JS modules the Rust binds (snippets/): they are ES modules.
pkg-node: setup
	wasm-pack build --dev --target nodejs --out-dir $(PKG_NODE) --out-name portone_verify --no-pack
	echo '{ "type": "module" }' > $(PKG_NODE)/snippets/package.json

test-js: pkg-node
	node --test tests/node/ tests/portone-server/

# The package for workerd and end-to-end tests: the same layout as `make pkg` in the dev profile
# (the release build's LTO takes minutes and adds nothing to what these tests check).
PKG_WORKERD := target/pkg-workerd

pkg-workerd: setup
	./scripts/build-pkg --dev --out-dir $(PKG_WORKERD)

## The package inside real workerd (Miniflare), bundled by wrangler as a user would.
test-workerd: pkg-workerd
	PORTONE_VERIFY_PKG_DIR=$(PKG_WORKERD) node --test tests/workerd/

## The demo stack (local PortOne server, examples/cloudflare-worker in workerd, www/) driven by
## headless Chromium, plus the Worker example's routes.
test-e2e: pkg-workerd
	PORTONE_VERIFY_PKG_DIR=$(PKG_WORKERD) node --test tests/e2e/

## The packed tarball installed into scratch consumers (Node ESM, strict tsc, Vite in Chromium),
## publint and attw. Builds the release package first when it is missing or stale.
test-consumers: setup
	./scripts/test-consumers

## The npm package: an edge build (everything, speed) and a browser build (parse + verify,
## size) with pkg-template/ over them; prints gzipped sizes.
pkg: setup
	./scripts/build-pkg

bench: setup
	./bench/run

## Issue 13's fault table (not part of `make test`): every PortOneClient method against the
## local PortOne server under each fault knob; fails when a corrupted answer is accepted or
## verified, or a POST is sent twice without a 401. About two minutes.
faults: pkg-node
	./scripts/faults

## Issue 13's fuzzing (not part of `make test`): every cargo-fuzz target in fuzz/ for SECONDS
## each (default 60), one at a time; prints executions, exec/s and findings per target and fails
## on any crash or oracle disagreement (fuzz/README.md).
SECONDS ?= 60
fuzz:
	./scripts/fuzz run $(SECONDS)

## Local PortOne server + examples/cloudflare-worker in workerd + the www/ page (Ctrl-C stops).
demo: setup
	./scripts/demo

clean:
	rm -rf target pkg
