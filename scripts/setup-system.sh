#!/usr/bin/env bash
# Install the Debian packages edition needs: the book face (Linux Libertine O: Turkish
# coverage, small caps, old-style figures), Pango for WeasyPrint, and the PDF tools the
# tests use to read the built PDF back (poppler-utils, qpdf), LibreOffice Writer (headless, no GUI)
# that a test converts the DOCX output with, the system's Chromium and its driver for the web
# edition's browser tests, and npm (for axe-core, package.json) when no npm is there.
# Idempotent: does nothing when everything is already there.
set -euo pipefail
packages=(fonts-linuxlibertine fonts-junicode libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils qpdf fontconfig libreoffice-writer-nogui
          chromium chromium-driver)  # the web edition tested in the system browser (tests/writers/web/)
# no CMYK ICC profile: `edition build --print` makes its own (edition/pdf/cmyk.py)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fc-cache -f >/dev/null 2>&1 || true
