#!/usr/bin/env bash
# Sets up everything Summit needs on a Debian/Ubuntu machine, idempotently:
# the system libraries Qt needs (and, for the tests, a virtual screen, chromium and poppler;
# xdotool for the benches that find the window), then a virtual environment in .venv with
# Summit installed in it.
# Usage: scripts/setup.sh [app|test]
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-app}"

app_packages=(libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libdbus-1-3
  libfontconfig1 fonts-dejavu-core fonts-wqy-microhei)  # a CJK font the PDF pack can embed
test_packages=(xvfb xauth chromium poppler-utils zbar-tools xdotool)

packages=("${app_packages[@]}")
[ "$purpose" = test ] && packages+=("${test_packages[@]}")

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "Not a Debian/Ubuntu system: install Qt's X11 libraries yourself (see README)." >&2
fi

python="${PYTHON:-python3}"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Summit needs Python 3.11 or newer; $("$python" --version 2>&1) found." >&2
  exit 1
}
[ -x .venv/bin/python ] || "$python" -m venv .venv

# Reinstall only when the project's metadata changed.
stamp=".venv/.summit-$purpose-$(cat pyproject.toml setup.py | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$purpose" = test ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi
