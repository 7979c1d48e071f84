#!/usr/bin/env bash
# Sets up doc-harness on a fresh Debian/Ubuntu machine: the system packages the runners and the
# sandbox need, the npm dependencies (and the build), then every client the project's docs use,
# installed into .doc-harness/cache. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# bubblewrap: the sandbox every snippet runs in. ruby, php-cli: the Ruby and PHP tabs (their
# built-in clients; RubyGems and Packagist may be unreachable; Guzzle for a local seamapi/seam
# checkout given with --sdk php=PATH). curl: the cURL tabs. chromium: the HTML report's browser test.
PACKAGES=(bubblewrap ruby php-cli php-guzzlehttp-guzzle curl chromium)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: install these with your system's package manager, then run this again: ${missing[*]}" >&2
    exit 1
  fi
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
# Every client the project's docs need, and the ones the tests exercise (Go's module, Python's
# virtualenv): the only step that reaches a registry.
node bin/doc-harness.mjs setup --all
