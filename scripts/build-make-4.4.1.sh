#!/usr/bin/env bash
# Builds GNU make 4.4.1 from Debian trixie's make-dfsg source package into .cache/make-4.4.1 (idempotent).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${MAKESCOPE_MAKE441_DIR:-$root/.cache/make-4.4.1}"
binary="$dest/bin/make"

if [ -x "$binary" ] && "$binary" --version 2>/dev/null | head -n 1 | grep -q '^GNU Make 4\.4\.1$'; then
  echo "GNU make 4.4.1 already built: $binary"
  exit 0
fi

# Debian 12 has no 4.4.1 binary package; trixie's source package is reachable with a deb-src entry.
sources=/etc/apt/sources.list.d/makescope-trixie-src.sources
if ! grep -qs 'trixie' "$sources"; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "build-make-4.4.1: needs root once to add a deb-src entry for trixie ($sources)" >&2
    exit 2
  fi
  cat >"$sources" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt-get update -o Dir::Etc::sourcelist="$sources" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0 >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get source --download-only make-dfsg/trixie >/dev/null 2>&1 || apt-get source --download-only make-dfsg/trixie
dsc="$(ls make-dfsg_4.4.1*.dsc | head -n 1)"
dpkg-source --no-check -x "$dsc" src >/dev/null
cd src

# The DFSG source drops doc/; configure still expects doc/Makefile.in and the man page.
mkdir -p doc
if [ ! -f doc/Makefile.in ]; then
  printf 'all:\n\ninstall:\n\n.PHONY: all install\n' >doc/Makefile.in
fi
touch doc/make.1
# Patches applied by dpkg-source leave autotools inputs newer than their outputs; keep the shipped outputs.
touch aclocal.m4
find . -name Makefile.in -exec touch {} +
touch configure
find . -name 'config.h.in' -exec touch {} +

./configure --disable-nls --prefix="$dest" >/dev/null
make -j"$(nproc)" >/dev/null
mkdir -p "$dest/bin"
cp make "$binary.tmp"
mv "$binary.tmp" "$binary"
"$binary" --version | head -n 1
echo "built: $binary"
