#!/bin/sh
# Puts Summit in the desktop's applications menu and makes a double-clicked .summit file open
# in it, for this user only (nothing outside ~/.local is touched). Run it from the unpacked
# bundle's folder, wherever you keep it:   ./install-desktop-entry.sh
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/256x256/apps" \
  "$data/icons/hicolor/scalable/apps" "$HOME/.local/bin"
ln -sf "$here/summit-app" "$HOME/.local/bin/summit-app"
sed "s|^Exec=summit-app|Exec=\"$here/summit-app\"|" "$here/summit-app.desktop" \
  >"$data/applications/summit-app.desktop"
cp "$here/summit-app.xml" "$data/mime/packages/summit-app.xml"
cp "$here/summit-app.png" "$data/icons/hicolor/256x256/apps/summit-app.png"
cp "$here/summit-app.svg" "$data/icons/hicolor/scalable/apps/summit-app.svg"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications"
command -v xdg-mime >/dev/null && xdg-mime default summit-app.desktop application/x-summit
echo "Summit is in your applications menu; .summit files open in it."
