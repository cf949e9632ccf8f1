#!/usr/bin/env bash
# Sets up everything on a fresh machine, builds Samskap for production and runs
# it on the embedded default: SQLite under ./data, emails as .eml files in
# ./data/outbox, http://127.0.0.1:3000.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source server/scripts/setup.sh

cargo leptos build --release --precompress
target_dir="${CARGO_TARGET_DIR:-$root/target}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$root/target/site}"
# A new database gets the demo data set (Bærum's); an existing one is left alone.
"$target_dir/release/samskap" demo
exec "$target_dir/release/samskap" serve
