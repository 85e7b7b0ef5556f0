# portone-verify — every target sets up what it needs (scripts/setup is idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Node-target build used by the JS tests (dev profile: fast to build, same behaviour).
PKG_NODE := target/pkg-node

.PHONY: setup test test-rust test-wasm test-js pkg pkg-node bench clean

setup:
	@./scripts/setup

## The README's test command.
test: setup test-rust test-wasm test-js

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

## The npm package: wasm-pack output with pkg-template/ copied over it.
pkg: setup
	wasm-pack build --release --target web --out-dir pkg --out-name portone_verify
	cp -R pkg-template/. pkg/

bench: setup
	./bench/run

clean:
	rm -rf target pkg
