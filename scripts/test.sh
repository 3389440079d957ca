#!/usr/bin/env bash
# Installs what the tests need (build tools, PostgreSQL, Chromium, Node packages),
# starts a throwaway PostgreSQL, checks formatting and lints, and runs every test:
# unit, integration on SQLite and PostgreSQL (one binary), and the browser tests in
# Debian's headless Chromium.
set -euo pipefail
# A test run builds everything once: incremental caches would only fill the disk.
export CARGO_INCREMENTAL=0
cd "$(dirname "$0")/.."
. scripts/install-tools.sh

if ! [ -x /usr/bin/chromium ]; then
  echo "==> Installing Chromium (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

PG_URL="$(scripts/postgres.sh)"
trap 'scripts/postgres.sh stop' EXIT

if ! [ -d end2end/node_modules/@playwright/test ] || ! [ -d end2end/node_modules/@axe-core/playwright ]; then
  echo "==> Installing the browser-test packages (npm)"
  (cd end2end && npm ci --no-audit --no-fund)
fi

echo "==> Formatting (cargo fmt --check) and lints (clippy, warnings are errors)"
cargo fmt --all --check
# The browser entry is a cdylib for wasm32 only (cargo-leptos builds it), so it
# is linted for that target and left out of the native builds.
cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

echo "==> Unit and integration tests (SQLite and PostgreSQL at $PG_URL)"
PORTAL_TEST_POSTGRES_URL="$PG_URL" cargo test --workspace --exclude frontend

echo "==> The scanner's figures on its labelled corpora"
cargo test -q -p server --test integration scanner_corpus -- --nocapture --test-threads=1 2>&1 | grep -oE 'scanner (recall|false positives) \(.*'

echo "==> Building the release site for the browser tests"
cargo leptos build --release

echo "==> Browser tests (Playwright driving Debian's Chromium, with axe-core)"
(cd end2end && npx playwright test)
