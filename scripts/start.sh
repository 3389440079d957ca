#!/usr/bin/env bash
# Builds the portal and serves it with the demo data at http://127.0.0.1:3000
# (or PORTAL_ADDR) on the embedded SQLite database (or DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install-tools.sh

echo "==> Building the portal (release; the first build takes a few minutes)"
cargo leptos build --release

echo "==> Loading the demo data"
target/release/portal demo
echo "==> Starting the portal; press Ctrl-C to stop"
exec target/release/portal serve
