#!/usr/bin/env bash
# The whole test suite: formatting and lints, the Rust tests (each integration
# test once on SQLite and once on PostgreSQL), then the browser journeys in
# Debian's Chromium against the built server: all of them on PostgreSQL, the
# resident's journeys on SQLite too (end2end/playwright.config.ts).
# Installs Chromium and starts the local PostgreSQL when they are missing
# (server/scripts/services.sh); TEST_POSTGRES_URL points elsewhere if wanted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# On loopback, without TLS: the suite opens over a thousand connections,
# and each handshake costs both sides.
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
# The server binary the integration tests build is the one the browser
# journeys run, so the server is compiled once. Leptos reads the bundle's
# name when it is compiled (to name the browser's script); cargo-leptos sets
# it for its own builds, and every cargo command here sets it alike, so no
# build invalidates another's.
export LEPTOS_OUTPUT_NAME=samskap
# Components compile type-erased (Leptos's `erase_components`, what
# cargo-leptos gives its own debug builds): the app crate's view types stay
# small, which halves its compile time. The server and the browser bundle get
# the same flag, so the pages they render and hydrate agree; release builds
# (run.sh) are not erased.
export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--cfg erase_components"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

phase_start=$SECONDS
phase() {
  local now=$SECONDS
  [ -n "${phase_name:-}" ] && printf '== %s took %ds\n' "$phase_name" $((now - phase_start)) >&2
  phase_name="$1"; phase_start=$now
  [ -n "$phase_name" ] && printf '\n== %s\n' "$phase_name" >&2
  return 0
}

phase "setup"
source server/scripts/setup.sh
server/scripts/services.sh

phase "format, lints and translations"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --package app --lib --locked --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings
node -e '
  const load = (l) => Object.keys(require(`./app/locales/${l}.json`)).sort();
  const [nb, nn, en] = ["nb", "nn", "en"].map(load);
  const missing = (a, b) => a.filter((k) => !b.includes(k));
  const report = { "nn lacks": missing(nb, nn), "en lacks": missing(nb, en), "nb lacks": [...missing(nn, nb), ...missing(en, nb)] };
  const bad = Object.entries(report).filter(([, keys]) => keys.length);
  if (bad.length) { console.error("translations differ:", JSON.stringify(Object.fromEntries(bad))); process.exit(1); }
'

phase "Rust tests on SQLite and PostgreSQL"
cargo nextest run --workspace --locked --no-fail-fast

# The server the journeys run was built with the tests; cargo-leptos builds
# only the browser's side.
phase "build (the browser bundle; the server was built with the tests)"
cargo leptos build --frontend-only

phase "browser journeys (Playwright, Chromium, PostgreSQL and SQLite)"
e2e_db="samskap_e2e_$$"
psql "$TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $e2e_db WITH (FORCE)" -c "CREATE DATABASE $e2e_db"
# A fresh data folder too: the browser tests read emails from its outbox.
export SAMSKAP_E2E_DATA_DIR="$(mktemp -d -t samskap-e2e.XXXXXX)"
trap 'psql "$TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $e2e_db WITH (FORCE)" || true; rm -rf "$SAMSKAP_E2E_DATA_DIR"' EXIT
postgres_base="${TEST_POSTGRES_URL%%\?*}"
export DATABASE_URL="${postgres_base%/*}/$e2e_db${TEST_POSTGRES_URL#"$postgres_base"}"
export SAMSKAP_BIN="$target_dir/debug/samskap"
export LEPTOS_SITE_ROOT="$root/target/site"
(cd end2end && CI=1 npx playwright test)

phase ""
printf '\n== all tests passed in %ds\n' "$SECONDS" >&2
