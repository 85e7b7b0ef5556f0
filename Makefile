# portone-verify — every target sets up what it needs (scripts/setup is idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Node-target build used by the JS tests (dev profile: fast to build, same behaviour).
PKG_NODE := target/pkg-node

.PHONY: setup test test-rust test-wasm test-js test-workerd pkg pkg-node pkg-workerd bench clean demo

setup:
	@./scripts/setup

## The README's test command.
test: setup test-rust test-wasm test-js test-workerd

test-rust:
	cargo test --all-features
	cargo clippy --all-targets --all-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features -- -D warnings

test-wasm: setup
	wasm-pack test --node
	wasm-pack test --headless --chrome --features browser-test

pkg-node: setup
	wasm-pack build --dev --target nodejs --out-dir $(PKG_NODE) --out-name portone_verify --no-pack

test-js: pkg-node
	node --test tests/node/ tests/portone-server/

# The package for workerd tests: the web-target build with pkg-template's entry points (dev
# profile: the release build's LTO takes minutes and adds nothing to what is tested).
PKG_WORKERD := target/pkg-workerd

pkg-workerd: setup
	wasm-pack build --dev --target web --out-dir $(PKG_WORKERD) --out-name portone_verify --no-pack
	cp -R pkg-template/. $(PKG_WORKERD)/

## The package inside real workerd (Miniflare), bundled by wrangler as a user would.
test-workerd: pkg-workerd
	PORTONE_VERIFY_PKG_DIR=$(PKG_WORKERD) node --test tests/workerd/

## The npm package: wasm-pack output with pkg-template/ copied over it.
pkg: setup
	wasm-pack build --release --target web --out-dir pkg --out-name portone_verify
	cp -R pkg-template/. pkg/

bench: setup
	./bench/run

## Local PortOne server + examples/cloudflare-worker in workerd + the www/ page (Ctrl-C stops).
demo: setup
	./scripts/demo

clean:
	rm -rf target pkg
