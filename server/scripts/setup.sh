#!/usr/bin/env bash
# Installs what building Samskap needs and is not there yet. Safe to run again:
# each step is skipped when its tool is already in place (see TOOLCHAIN notes in
# README.md for why these exact versions).
# Usage: source it (it extends PATH) or run it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

step() { printf '\n== %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos 0.3.10" ]; then
  step "installing cargo-leptos 0.3.10 (about 16 minutes on 2 cores, once)"
  cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen 0.2.130" ]; then
  step "installing wasm-bindgen-cli 0.2.130 (matches the pinned wasm-bindgen crate)"
  cargo install wasm-bindgen-cli --version 0.2.130 --force
fi

if [ ! -d "$root/end2end/node_modules/@digdir/designsystemet-css" ] ||
   [ "$root/end2end/package-lock.json" -nt "$root/end2end/node_modules/.package-lock.json" ]; then
  step "installing the npm tools (Designsystemet CSS, wasm-opt, Playwright)"
  (cd "$root/end2end" && npm ci --no-audit --no-fund)
fi

# wasm-opt (release builds) comes from npm's binaryen.
export PATH="$root/end2end/node_modules/.bin:$PATH"

"$root/style/build-css.sh"
