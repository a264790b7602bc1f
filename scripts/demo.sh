#!/usr/bin/env bash
# Sets everything up, then opens Summit on the bundled demo summit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
demo="${SUMMIT_DEMO_FILE:-demo.summit}"
[ -f "$demo" ] || .venv/bin/summit-app new "$demo" --template demo
exec .venv/bin/summit-app "$demo"
