#!/usr/bin/env bash
# Install TeX for the reledmac anchor that bench/versus.py measures our builds against
# (XeLaTeX, reledmac from texlive-humanities, Turkish hyphenation, EB Garamond). Never needed
# by the project or its tests, never run in CI: `make bench-anchor`. Idempotent.
set -euo pipefail
packages=(texlive-xetex texlive-humanities texlive-lang-european fonts-ebgaramond)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "bench-anchor: installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
