#!/usr/bin/env bash
# CI: the wheel a facilitator or pipx would install is complete. Builds it, checks its contents,
# installs it (not editable) in a fresh virtual environment outside the checkout, and runs
# `templates`, `new --template demo` and `export` from there, where no checkout can help.
# Usage: scripts/check_wheel.sh   (after scripts/setup.sh test)
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$PWD"
away="$(mktemp -d "${TMPDIR:-/tmp}/summit-wheel-check.XXXXXX")"
trap 'rm -rf "$away"' EXIT

# Built from a clean copy, never in the checkout: setuptools' build/lib there kept a module
# deleted from src/ and put it in the next wheel.
scripts/clean_copy.sh "$away/source"
# --no-isolation builds with the setuptools already in .venv: no build environment to make.
.venv/bin/python -m build --wheel --no-isolation --outdir "$away/dist" "$away/source" \
  >"$away/build.log" 2>&1 || {
  cat "$away/build.log" >&2
  exit 1
}
wheel=("$away"/dist/summit_app-*.whl)
.venv/bin/check-wheel-contents "${wheel[0]}"
# The wheel's modules are exactly the checkout's: none deleted since, none left over.
.venv/bin/python - "${wheel[0]}" <<'PY'
import sys
import zipfile
from pathlib import Path

shipped = {
    name for name in zipfile.ZipFile(sys.argv[1]).namelist()
    if name.endswith(".py") and not name.startswith("summit_app/resources/")
}
here = {str(p.relative_to("src")) for p in Path("src").rglob("*.py") if "egg-info" not in str(p)}
assert shipped == here, f"wheel and src/ differ: {sorted(shipped ^ here)}"
PY

python="${PYTHON:-python3}"
"$python" -m venv "$away/venv"
# Dependencies come through pip's cache and the package registries; --no-compile saves
# byte-compiling all of Qt's Python files, which this check never imports.
"$away/venv/bin/python" -m pip install -q --no-compile "${wheel[0]}" 2>&1 |
  { grep -v "^WARNING: Location" >&2 || true; }
cd "$away"
app="$away/venv/bin/summit-app"
"$app" --version
listed="$("$app" templates)"
for template in "$checkout"/resources/templates/*.json; do
  name="$(basename "$template" .json)"
  grep -q "^$name " <<<"$listed" || { echo "check_wheel: template '$name' missing" >&2; exit 1; }
done
"$app" new x.summit --template demo
"$app" export x.summit >"$away/exported.txt"
grep -q "exports/x.pdf$" "$away/exported.txt"
head -c 5 "$away/exports/x.pdf" | grep -q "%PDF-"
# A summit protected with a passphrase (SQLCipher, from the wheel's dependencies) exports
# with the passphrase from the environment, and is refused in one line without it.
cp x.summit protected.summit
"$away/venv/bin/python" -c 'from summit_app.core.protect import protect; protect("protected.summit", "check wheel passphrase")'
if "$app" export protected.summit --pdf none.pdf </dev/null 2>"$away/refused.txt"; then
  echo "check_wheel: a protected summit exported without its passphrase" >&2; exit 1
fi
grep -q "protected with a passphrase" "$away/refused.txt"
SUMMIT_PASSPHRASE="check wheel passphrase" "$app" export protected.summit --pdf protected.pdf >/dev/null
head -c 5 protected.pdf | grep -q "%PDF-"
# Themes are suggested for the demo's notes by the model inside the installed package, with
# the network blocked: nothing is downloaded on first use.
"$away/venv/bin/python" - <<'PY'
import socket


def refuse(*args, **kwargs):
    raise OSError("no network in the wheel check")


socket.socket = refuse
socket.create_connection = refuse
from summit_app.core import Summit, themes

with Summit.open("x.summit") as summit:
    notes = summit.notes.notes()
    prompt = max({n.prompt_id for n in notes}, key=lambda p: sum(n.prompt_id == p for n in notes))
    mine = [n for n in notes if n.prompt_id == prompt]
    suggested = themes.suggest([n.text for n in mine])
    assert suggested and sum(len(t.members) for t in suggested) == len(mine)
    print("check_wheel: themes for", len(mine), "notes:", "; ".join(t.name for t in suggested))
    # As the window does in the background: every note embedded and kept in the file.
    embedder = themes.Embedder.shared()
    left = 1
    while left:
        found, left = embedder.embed_missing(summit.embeddings)
        summit.embeddings.keep(themes.MODEL_ID, found)
    assert themes.Embedder().load(summit.embeddings) == len({n.text for n in notes})
PY
# The installed package must not read anything from the checkout.
"$away/venv/bin/python" - "$checkout" <<'PY'
import sys
from pathlib import Path

import summit_app
from summit_app.resources import FONTS, ICONS, RESOURCES, TEMPLATES, WEB

checkout = Path(sys.argv[1]).resolve()
for path in (Path(summit_app.__file__), FONTS, ICONS, TEMPLATES, WEB, RESOURCES / "models"):
    assert path.exists(), f"{path} is missing from the installed package"
    assert not path.resolve().is_relative_to(checkout), f"{path} is read from the checkout"
PY
echo "check_wheel: $(basename "${wheel[0]}") installs and works outside the checkout"
