#!/usr/bin/env bash
# Fetches git, redis, busybox, hello, libuv and ldns from Debian 12's source packages into .cache/real-projects/<name>/, prepared as a user would (idempotent).
# cmake and configure write absolute paths into what they generate, so each project is prepared at the
# path the tests work at (.cache/real-projects-work/<name>/<name>) and kept pristine as a copy of that.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${MAKESCOPE_REAL_PROJECTS_DIR:-$root/.cache/real-projects}"
workroot="${MAKESCOPE_REAL_PROJECTS_WORK:-$root/.cache/real-projects-work}"
# Bump when a project's preparation changes, so cached trees are prepared again.
recipe=2
# name:source-package
projects=(git:git redis:redis busybox:busybox hello:hello libuv:libuv1 ldns:ldns)

missing=()
for tool in apt-get dpkg-source cmake gcc make; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "fetch-real-projects: missing ${missing[*]}; install with: apt-get install dpkg-dev cmake gcc make" >&2
  exit 2
fi

all_ready=1
for entry in "${projects[@]}"; do
  name="${entry%%:*}"
  [ "$(cat "$dest/$name.ready" 2>/dev/null)" = "$recipe" ] || all_ready=0
done
if [ "$all_ready" = 1 ]; then
  echo "real projects already prepared: $dest"
  exit 0
fi

# Debian 12's source packages need a deb-src entry for bookworm. Ask for bookworm's own source: a deb-src entry
# for another suite (build-make-4.4.1.sh adds trixie's) also answers `apt-cache showsrc hello`, but not this.
sources=/etc/apt/sources.list.d/makescope-bookworm-src.sources
if ! (cd /tmp && apt-get source --print-uris hello/bookworm >/dev/null 2>&1); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "fetch-real-projects: needs root once to add a deb-src entry for bookworm ($sources): sudo bash scripts/fetch-real-projects.sh" >&2
    exit 2
  fi
  cat >"$sources" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt-get update -o Dir::Etc::sourcelist="$sources" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0 >/dev/null
fi

downloads="$dest/downloads"
mkdir -p "$downloads"

# Each project is prepared in NAME.tmp and renamed, so an interrupted run leaves no half-prepared tree.
prepare() {
  local name="$1" package="$2"
  local tree="$dest/$name"
  local work="$workroot/$name/$name"
  local started=$SECONDS
  if ! ls "$downloads/${package}"_*.dsc >/dev/null 2>&1; then
    (cd "$downloads" && apt-get source --download-only "$package/bookworm" >/dev/null 2>&1) ||
      (cd "$downloads" && apt-get source --download-only "$package/bookworm") || {
      echo "fetch-real-projects: apt-get source $package failed; check the deb-src entry in $sources and the network" >&2
      exit 2
    }
  fi
  local dsc
  dsc="$(ls "$downloads/${package}"_*.dsc | head -n 1)"
  rm -rf "$tree" "$tree.tmp" "$dest/$name.ready" "$work"
  mkdir -p "$(dirname "$work")"
  dpkg-source --no-check -x "$dsc" "$work" >/dev/null
  (
    cd "$work"
    case "$name" in
      hello)
        # Keep the shipped autotools outputs newer than their inputs (as build-make-4.4.1.sh does).
        touch aclocal.m4
        find . -name Makefile.in -exec touch {} +
        touch configure
        find . -name 'config.in' -exec touch {} +
        ./configure >/dev/null
        ;;
      libuv) cmake -S . -B _build >/dev/null ;;
      busybox) make defconfig >/dev/null 2>&1 ;;
      # Debian's redis patches zmalloc for the system jemalloc; persist MALLOC=libc (.make-settings)
      # and build ../deps once, as redis's README says, so `make -C src` needs no settings.
      redis) make -C src MALLOC=libc .make-prerequisites >/dev/null 2>&1 ;;
      # configure, then the library, as a user about to build the examples has (libssl-dev); the
      # examples race on config.h, the symlink setup-builddir makes (audited by the realworld layer).
      ldns) ./configure >/dev/null && make lib >/dev/null 2>&1 ;;
      git) ;;
    esac
  )
  cp -a "$work" "$tree.tmp"
  mv "$tree.tmp" "$tree"
  echo "$recipe" >"$dest/$name.ready"
  echo "prepared $name ($(basename "$dsc" .dsc)) in $((SECONDS - started)) s: $tree"
}

for entry in "${projects[@]}"; do
  name="${entry%%:*}"
  package="${entry#*:}"
  [ "$(cat "$dest/$name.ready" 2>/dev/null)" = "$recipe" ] || prepare "$name" "$package"
done
echo "real projects ready: $dest"
