#!/usr/bin/env bash
# Copies the checkout's files into a folder, as a fresh checkout would have them plus the
# work not committed yet: the tracked files that still exist and the new ones git does not
# ignore. No build/, .venv or egg-info comes along, so a module deleted from src/ cannot
# reach a wheel built there (setuptools' build/lib kept it when built in the checkout).
# Usage: scripts/clean_copy.sh DEST
set -euo pipefail
dest="$1"
cd "$(dirname "$0")/.."
mkdir -p "$dest"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
  tar --null -T - -cf - | tar -xf - -C "$dest"
