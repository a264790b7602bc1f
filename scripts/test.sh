#!/usr/bin/env bash
# Sets everything up, then runs the whole test suite and the layering contracts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
.venv/bin/lint-imports
.venv/bin/ruff check --quiet src tests bench resources scripts packaging
.venv/bin/mypy  # pyproject.toml's [tool.mypy]: core and server strict, the rest as listed
scripts/check_wheel.sh
exec .venv/bin/python -m pytest "$@"
