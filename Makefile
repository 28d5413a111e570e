# Portico: `make run` starts the app with demo data; `make test` runs every test.
# Both install what they need first (scripts/install-tools.sh), so a fresh machine needs nothing else.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Builds live outside the checkout, so fresh clones (CI) reuse them.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/portico-target
export PORTICO_TOOLS_DIR ?= $(HOME)/.cache/portico-tools
# npm's wasm-opt first: Debian's binaryen 108 builds a WASM that never hydrates.
export PATH := $(PORTICO_TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PORTICO_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: help run build bench load weight test test-rust test-e2e lint tools tools-test check-wasm-deps

help:
	@echo "make run    build the release and start Portico on http://127.0.0.1:3000 with demo data"
	@echo "make test   run every test: lint, unit, integration (SQLite + PostgreSQL), end-to-end (Chromium)"
	@echo "make bench  HTTP benchmarks against a release build (BENCH_CASES, BENCH_SECONDS; see README)"
	@echo "make load   200 people for 10 minutes, live pages open (LOAD_USERS, LOAD_SECONDS; see README)"
	@echo "make weight what a first visit of each main page downloads, against its budget (see README)"

tools:
	@scripts/install-tools.sh

tools-test:
	@scripts/install-tools.sh --test

build: tools
	cargo leptos build --release --precompress

run: build
	@mkdir -p data
	LEPTOS_SITE_ROOT=target/site $(CARGO_TARGET_DIR)/release/portico serve --demo --dev-mailbox

# A release server on loopback, 16 connections per endpoint, SQLite and PostgreSQL (README "Speed").
bench: build
	cargo build --release -p portico-bench
	PORTICO_BENCH_POSTGRES_URL=$${PORTICO_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	  $(CARGO_TARGET_DIR)/release/portico-bench $(CARGO_TARGET_DIR)/release/portico

# 200 people signing in, reading, commenting and uploading for 10 minutes with their case pages'
# live streams open, on SQLite and PostgreSQL (README "Load"); fails on any error.
load: build
	cargo build --release -p portico-bench
	BENCH_ONLY=load BENCH_CASES=$${BENCH_CASES:-10000} \
	  PORTICO_BENCH_POSTGRES_URL=$${PORTICO_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	  $(CARGO_TARGET_DIR)/release/portico-bench $(CARGO_TARGET_DIR)/release/portico

test: tools-test lint check-wasm-deps test-rust test-e2e weight

lint:
	cargo fmt --all --check
	leptosfmt --check --quiet app/src
	cargo clippy -p app -p portico -p portico-bench --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# Server-only crates must never reach the browser's WASM.
check-wasm-deps:
	@bad=$$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none \
	  | grep -E '^(sqlx|tokio|argon2|lettre|rustls|axum|mio|hyper|async-imap|mail-parser|chrono-tz|rusty-s3|openidconnect|utoipa) ' | sort -u); \
	if [[ -n "$$bad" ]]; then echo "server-only crates in the WASM build:"; echo "$$bad"; exit 1; fi; \
	echo "WASM dependency graph: no server-only crates"

# Each test executable is about half a gigabyte, and a build from another checkout path (every CI
# clone) makes a new set: those not rebuilt for a day go first, and no incremental state is kept
# (a fresh clone rebuilds the workspace crates anyway), so repeated runs do not fill the disk.
test-rust:
	@find "$(CARGO_TARGET_DIR)/debug/deps" -maxdepth 1 -type f -regextype posix-extended \
	  -regex '.*/[a-z0-9_]+-[0-9a-f]{16}' -mtime +0 -delete 2>/dev/null || true
	CARGO_INCREMENTAL=0 cargo test -p app -p portico

# Bytes of a first and a repeat visit per page in Chromium, against the budgets; LCP at 4x CPU.
weight: build
	cd end2end && PORTICO_BIN=$(CARGO_TARGET_DIR)/release/portico npx playwright test -c weight.config.ts

test-e2e: build
	cd end2end && rm -f test-results/results.json; \
	  PORTICO_BIN=$(CARGO_TARGET_DIR)/release/portico npx playwright test; status=$$?; \
	  node summary.js && exit $$status
