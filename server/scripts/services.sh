#!/usr/bin/env bash
# Makes sure what the tests talk to is there: Debian's Chromium for the browser
# journeys, the Norwegian hunspell dictionaries that PostgreSQL's full-text
# search loads (hunspell-no places them in its tsearch_data), jing (the RELAX NG
# validator the feed tests check Atom with), nginx (the balancer in front of
# the two-instance test), moto (a local S3 server, from PyPI, for the photo
# store's tests), and PostgreSQL answering on 127.0.0.1:5432. Safe to run
# again.
set -euo pipefail

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
dpkg -s hunspell-no >/dev/null 2>&1 || missing+=(hunspell-no)
command -v jing >/dev/null || missing+=(jing)
command -v nginx >/dev/null || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  printf '\n== installing from Debian: %s\n' "${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q "${missing[@]}"
fi

if ! command -v moto_server >/dev/null; then
  printf '\n== installing moto (a local S3 server) from PyPI\n' >&2
  python3 -m pip install --quiet --disable-pip-version-check 'moto[server]==5.1.0'
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  printf '\n== starting PostgreSQL\n' >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 >&2
fi

# A streaming replica on 127.0.0.1:5433, for the replica-routing test.
"$(dirname "${BASH_SOURCE[0]}")/replica.sh"
