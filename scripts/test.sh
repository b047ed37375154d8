#!/usr/bin/env bash
# The one test command (README: `npm test`). Builds, makes sure redis-server exists, runs every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-redis.sh
npm run --silent build
rm -rf out && npx tsc -p .
node --test --test-concurrency=2 out/test/
