#!/usr/bin/env bash
# Writes style/bundle.css, the one stylesheet cargo-leptos processes: Designsystemet's
# theme and base, only the component files Samskap renders, then Samskap's own rules.
# Needs `npm ci` in end2end/ first (that is where the npm tools of the build live).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ds="$here/../end2end/node_modules/@digdir/designsystemet-css/dist"
[ -d "$ds" ] || { echo "style/build-css.sh: run 'npm ci' in end2end/ first" >&2; exit 1; }

# The Designsystemet components Samskap's markup uses (class ds-<name>).
components=(alert button card field heading input label link list paragraph skip-link validation-message)

{
  echo '@layer ds.theme, ds.base, ds.components, samskap;'
  cat "$ds/theme/designsystemet.css"
  echo '@layer ds.base {'
  cat "$ds/src/base.css"
  echo '}'
  echo '@layer ds.components {'
  for name in "${components[@]}"; do cat "$ds/src/$name.css"; echo; done
  echo '}'
  echo '@layer samskap {'
  cat "$here/samskap.css"
  echo '}'
} > "$here/bundle.css.tmp"
mv "$here/bundle.css.tmp" "$here/bundle.css"
