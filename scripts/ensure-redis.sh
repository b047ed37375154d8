#!/usr/bin/env bash
# Makes sure Debian's redis-server and redis-cli are installed; installs them when we can (root with apt).
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is missing: installing Debian's redis-server package" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) || true
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server is missing and could not be installed here. Run: sudo apt-get install -y redis-server" >&2
  exit 1
fi
