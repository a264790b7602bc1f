#!/usr/bin/env bash
# Writes packaging/constraints.txt: the exact version of every package the bundle is built
# from (the wheel's dependencies and the [bundle] extra, resolved together), so two builds of
# one Summit version carry the same libraries, and a new release of one of them reaches the
# bundle only when this is run again and the tests pass with it.
# pyproject.toml keeps lower bounds only: a pip or pipx install still takes newer ones.
# Usage: scripts/lock.sh   (after scripts/setup.sh test)
set -euo pipefail
cd "$(dirname "$0")/.."
away="$(mktemp -d "${TMPDIR:-/tmp}/summit-lock.XXXXXX")"
trap 'rm -rf "$away"' EXIT
scripts/clean_copy.sh "$away/copy"
.venv/bin/python -m pip install --dry-run --ignore-installed -q --report "$away/report.json" \
  "$away/copy[bundle]" 2>&1 | { grep -v "^WARNING: Location" >&2 || true; }
{
  echo "# The versions the bundle is built from (scripts/bundle.sh installs with -c this file)."
  echo "# Written by scripts/lock.sh on $(date -u +%Y-%m-%d); run it again to take newer ones."
  .venv/bin/python - "$away/report.json" <<'PY'
import json
import sys

report = json.load(open(sys.argv[1]))
for item in sorted(report["install"], key=lambda i: i["metadata"]["name"].lower()):
    meta = item["metadata"]
    if meta["name"] != "summit-app":
        print(f"{meta['name']}=={meta['version']}")
PY
} >packaging/constraints.txt
echo "lock.sh: $(grep -vc '^#' packaging/constraints.txt) packages in packaging/constraints.txt"
