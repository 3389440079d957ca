#!/usr/bin/env bash
# Installs the build tools the portal needs, skipping what is already there:
# the wasm32 target, cargo-leptos, wasm-bindgen-cli and wasm-opt (binaryen from npm;
# Debian's binaryen 108 produces WASM that fails to hydrate in Chromium).
# Source it (". scripts/install-tools.sh") so that PATH keeps the tools' folders.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"

say() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "0.3.11"; then
  say "Installing cargo-leptos 0.3.11 (about 11 minutes, once)"
  cargo install cargo-leptos --version 0.3.11 --locked --ignore-rust-version --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "0.2.130"; then
  say "Installing wasm-bindgen-cli 0.2.130 (about 2 minutes, once)"
  # Not --locked: one locked dependency is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version 0.2.130
fi

if ! [ -x "$ROOT/.tools/node_modules/.bin/wasm-opt" ]; then
  say "Installing wasm-opt (binaryen 132 from npm)"
  mkdir -p "$ROOT/.tools"
  (cd "$ROOT/.tools" && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd "$ROOT/.tools" && npm install --no-audit --no-fund --silent binaryen@132.0.0)
fi
