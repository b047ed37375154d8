#!/usr/bin/env bash
# Brings the redis-server and valkey-server builds that Debian's registry carries into a cache
# outside the checkout, without installing anything into the system: a private apt sources list
# and state, `apt-get download`, `dpkg -x`. Each build gets a wrapper that runs it (trixie and sid
# builds through their own suite's loader and libraries, since they need a newer glibc and
# libstdc++ than bookworm's), and servers.json lists what is there.
#
#   bash scripts/fetch-servers.sh [--sources]     (--sources also unpacks each build's upstream source
#                                                  into <build>/source/tree, for scripts/generate-catalog.mjs)
#
# Cache: $RG_SERVERS_CACHE, default /var/cache/redis-guard/servers. Re-running it is cheap: a build
# already in the cache is kept. Tests find the builds through test/helpers/servers.ts.
set -euo pipefail
CACHE=${RG_SERVERS_CACHE:-/var/cache/redis-guard/servers}
WITH_SOURCES=0
[ "${1:-}" = "--sources" ] && WITH_SOURCES=1
mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial" "$CACHE/debs"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
MIRROR=http://deb.debian.org/debian
cat > "$CACHE/apt/sources.list" <<EOF
deb [signed-by=$KEYRING] $MIRROR bookworm-backports main
deb [signed-by=$KEYRING] $MIRROR trixie main
deb [signed-by=$KEYRING] $MIRROR sid main
deb-src [signed-by=$KEYRING] $MIRROR bookworm main
deb-src [signed-by=$KEYRING] $MIRROR bookworm-backports main
deb-src [signed-by=$KEYRING] $MIRROR trixie main
deb-src [signed-by=$KEYRING] $MIRROR sid main
EOF
APT=(-o "Dir::Etc::sourcelist=$CACHE/apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$CACHE/apt/lists"
     -o "Dir::Cache=$CACHE/apt/cache" -o Dir::State::status=/dev/null -o APT::Sandbox::User=root -o Debug::NoLocking=1)

# the lists are refreshed at most once a day
if [ -z "$(find "$CACHE/apt/lists" -maxdepth 1 -name '*_InRelease' -mtime -1 2>/dev/null | head -n 1)" ]; then
  echo "== fetch-servers: updating the private package lists" >&2
  apt-get "${APT[@]}" -qq update
fi

# the version of PACKAGE in SUITE ("" when the suite does not carry it)
version_in() {
  apt-cache "${APT[@]}" madison "$1" 2>/dev/null | awk -v s="$2/main" '$0 ~ " "s" " && $0 ~ /Packages/ && !v {v = $3} END {print v}'
}

# download PACKAGE=VERSION (once) and unpack it into DIR
unpack() {
  local pkg=$1 ver=$2 dir=$3
  # apt names the file PACKAGE_VERSION_ARCH.deb, with the epoch's ":" written as %3a
  local deb=$CACHE/debs/${pkg}_${ver/:/%3a}_amd64.deb
  [ -f "$deb" ] || deb=$CACHE/debs/${pkg}_${ver/:/%3a}_all.deb
  if [ ! -f "$deb" ]; then
    (cd "$CACHE/debs" && apt-get "${APT[@]}" -qq download "$pkg=$ver" >/dev/null)
    deb=$(compgen -G "$CACHE/debs/${pkg}_${ver/:/%3a}_*.deb")
  fi
  dpkg -x "$deb" "$dir"
}

# a suite's own loader, libc and C++ runtime, for builds that need a newer glibc than bookworm's
runtime() {
  local suite=$1 dir=$CACHE/runtime-$1
  if [ ! -x "$dir/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ]; then
    echo "== fetch-servers: $suite runtime (libc6, libstdc++6, libgcc-s1)" >&2
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    for p in libc6 libstdc++6 libgcc-s1; do unpack "$p" "$(version_in "$p" "$suite")" "$dir.partial"; done
    rm -rf "$dir" && mv "$dir.partial" "$dir"
  fi
  echo "$dir/usr/lib/x86_64-linux-gnu"
}

entries=()
# fetch FLAVOUR SUITE: the server and its tools from one suite
fetch() {
  local flavour=$1 suite=$2
  local ver
  ver=$(version_in "$flavour-server" "$suite")
  if [ -z "$ver" ]; then echo "== fetch-servers: $suite has no $flavour-server" >&2; return; fi
  local upstream=${ver#*:}; upstream=${upstream%%[-+~]*}
  local id="$flavour-$upstream-$suite"
  local dir=$CACHE/$id
  if [ ! -x "$dir/root/usr/bin/$flavour-check-rdb" ]; then
    echo "== fetch-servers: $flavour $ver ($suite)" >&2
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    unpack "$flavour-server" "$ver" "$dir.partial/root"
    unpack "$flavour-tools" "$ver" "$dir.partial/root"
    rm -rf "$dir" && mv "$dir.partial" "$dir"
  fi
  # the wrappers are written anew every time (cheap, and they follow this script)
  mkdir -p "$dir/bin"
  local exe=$dir/root/usr/bin/$flavour-check-rdb   # the server binary; $flavour-server is a link to it
  local RLIB=""
  if [ "$suite" = trixie ] || [ "$suite" = sid ]; then RLIB=$(runtime "$suite"); fi
  for name in server sentinel cli; do
    local argv0=$flavour-$name target=$exe
    [ "$name" = cli ] && target=$dir/root/usr/bin/$flavour-cli
    if [ -n "$RLIB" ]; then
      printf '#!/bin/sh\nexec %s --library-path %s:/lib/x86_64-linux-gnu --argv0 %s %s "$@"\n' \
        "$RLIB/ld-linux-x86-64.so.2" "$RLIB" "$argv0" "$target" > "$dir/bin/$argv0"
    else
      # bookworm's own loader, only to set argv[0] (the binary decides what to be by its name)
      printf '#!/bin/sh\nexec /lib64/ld-linux-x86-64.so.2 --argv0 %s %s "$@"\n' "$argv0" "$target" > "$dir/bin/$argv0"
    fi
    chmod +x "$dir/bin/$argv0"
  done
  if [ "$WITH_SOURCES" = 1 ] && [ ! -d "$dir/source" ]; then
    echo "== fetch-servers: source of $flavour $ver" >&2
    rm -rf "$dir/source.partial" && mkdir -p "$dir/source.partial"
    # the upstream tarball is what the catalog needs; the mirror sometimes lacks a point
    # release's .dsc and Debian patches, so unpack the tarball itself when dpkg-source cannot
    (cd "$dir/source.partial" && apt-get "${APT[@]}" -qq --download-only source "$flavour=$ver" >/dev/null 2>&1) || true
    local orig
    orig=$(compgen -G "$dir/source.partial/*.orig.tar.*" || true)
    if [ -n "$orig" ]; then
      mkdir -p "$dir/source.partial/tree"
      tar -xf "$orig" -C "$dir/source.partial/tree" --strip-components=1
      mv "$dir/source.partial" "$dir/source"
    else
      echo "== fetch-servers: the registry has no source of $flavour $ver" >&2
      rm -rf "$dir/source.partial"
    fi
  fi
  local reported
  if ! reported=$("$dir/bin/$flavour-server" --version 2>&1); then
    echo "== fetch-servers: $id does not start here: $reported" >&2
    return
  fi
  reported=$(echo "$reported" | sed -n 's/.* v=\([0-9.]*\).*/\1/p')
  entries+=("{\"id\":\"$id\",\"flavour\":\"$flavour\",\"version\":\"$reported\",\"debian\":\"$ver\",\"suite\":\"$suite\",\"server\":\"$dir/bin/$flavour-server\",\"cli\":\"$dir/bin/$flavour-cli\"}")
}

fetch valkey bookworm-backports
for suite in trixie sid; do fetch redis "$suite"; fetch valkey "$suite"; done

# the system's own build (Debian bookworm's redis-server package, scripts/ensure-redis.sh)
if command -v redis-server >/dev/null 2>&1; then
  sys=$(redis-server --version | sed -n 's/.* v=\([0-9.]*\).*/\1/p')
  entries+=("{\"id\":\"redis-$sys-system\",\"flavour\":\"redis\",\"version\":\"$sys\",\"debian\":\"$(dpkg-query -W -f '${Version}' redis-server 2>/dev/null)\",\"suite\":\"system\",\"server\":\"$(command -v redis-server)\",\"cli\":\"$(command -v redis-cli)\"}")
fi
(IFS=,; echo "[${entries[*]}]") > "$CACHE/servers.json.partial" && mv "$CACHE/servers.json.partial" "$CACHE/servers.json"
echo "== fetch-servers: $(grep -o '"id":"[^"]*"' "$CACHE/servers.json" | cut -d'"' -f4 | tr '\n' ' ')" >&2
