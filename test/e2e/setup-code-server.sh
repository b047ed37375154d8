#!/usr/bin/env bash
# Installs code-server (VS Code in a browser, from the npm registry) into a cache
# outside the checkout, plus the Debian packages the end-to-end suite needs.
# Idempotent: a second run only checks and prints the binary's path (stdout, last line).
#
#   RG_CODE_SERVER_DIR   install folder (default /var/cache/redis-guard/code-server-4.100.3)
#
# Why each step (docs/testing.md): code-server 4.100.3 = VS Code 1.100.3, the last
# line that runs on Node 20; `kerberos` needs libkrb5-dev + pkg-config to compile;
# @vscode/ripgrep's postinstall would download rg from GitHub, so it is handed a
# tarball of Debian's rg from the cache folder it looks in first; node-pty's
# postinstall runs `npx node-gyp` (npm_config_yes); as root code-server's
# postinstall needs npm_config_unsafe_perm.
set -euo pipefail

VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11           # @vscode/ripgrep version code-server 4.100.3 depends on
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
DIR="${RG_CODE_SERVER_DIR:-/var/cache/redis-guard/code-server-$VERSION}"
BIN="$DIR/node_modules/.bin/code-server"
MARKER="$DIR/.installed-$VERSION"
DEBS=(chromium libkrb5-dev pkg-config ripgrep)

log() { echo "setup-code-server: $*" >&2; }

# --- Debian packages -------------------------------------------------------
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "need root (or sudo) to install: ${missing[*]}"; exit 1; }
    SUDO=(sudo)
  fi
  log "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --- code-server -----------------------------------------------------------
if [ -x "$BIN" ] && [ -f "$MARKER" ]; then
  echo "$BIN"
  exit 0
fi

log "installing code-server@$VERSION into $DIR (takes a few minutes)"
mkdir -p "$DIR"
rm -f "$MARKER"

# @vscode/ripgrep looks for its download in $TMPDIR/vscode-ripgrep-cache-<version>/ first.
INSTALL_TMP="$DIR/.tmp"
mkdir -p "$INSTALL_TMP/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
RG_TARBALL="$INSTALL_TMP/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION/$RIPGREP_ASSET"
if [ ! -s "$RG_TARBALL" ]; then
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar -czf "$RG_TARBALL" -C "$stage" rg
  rm -rf "$stage"
fi

cat >"$DIR/package.json" <<EOF
{
  "name": "redis-guard-code-server",
  "private": true,
  "description": "code-server for Redis Guard's end-to-end tests (test/e2e/setup-code-server.sh); not part of the extension",
  "dependencies": { "code-server": "$VERSION" }
}
EOF

(
  cd "$DIR"
  export TMPDIR="$INSTALL_TMP" npm_config_yes=true npm_config_unsafe_perm=true
  npm install --no-audit --no-fund --loglevel=error >&2
)

[ -x "$BIN" ] || { log "install finished but $BIN is missing"; exit 1; }
XDG_CONFIG_HOME="$INSTALL_TMP/config" "$BIN" --version >&2   # (it writes a default config.yaml into XDG_CONFIG_HOME)
touch "$MARKER"
echo "$BIN"
