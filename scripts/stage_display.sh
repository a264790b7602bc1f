#!/usr/bin/env bash
# Starts a virtual stage for rehearsals: an X server with two real outputs, the laptop (DUMMY0,
# 1366x768) and the projector (DUMMY1, 1920x1080, to its right), so Qt sees two screens and the
# projector can be unplugged and plugged back (`xrandr --output DUMMY1 --off`, then `--auto`).
# Xvfb cannot do this: it has one output and ignores `xrandr --setmonitor`.
#   scripts/stage_display.sh :43          # then DISPLAY=:43 summit-app demo.summit
# Needs (Debian): xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils.
set -euo pipefail
display="${1:-:43}"
for tool in Xorg xrandr; do
    command -v "$tool" >/dev/null || {
        echo "$tool is missing: apt-get install xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils" >&2
        exit 1
    }
done
state="$(mktemp -d)"
cat >"$state/xorg.conf" <<'CONF'
Section "ServerFlags"
  Option "DontVTSwitch" "true"
  Option "AutoAddDevices" "false"
EndSection
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "any"
  HorizSync 5.0-1000.0
  VertRefresh 5.0-200.0
EndSection
Section "Screen"
  Identifier "stage"
  Device "dummy"
  Monitor "any"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 3286 1080
  EndSubSection
EndSection
CONF
Xorg "$display" -noreset -nolisten tcp -config "$state/xorg.conf" -logfile "$state/xorg.log" \
    >/dev/null 2>&1 &
for _ in $(seq 50); do
    DISPLAY="$display" xrandr -q >/dev/null 2>&1 && break
    sleep 0.2
done
export DISPLAY="$display"
xrandr --newmode 1366x768 85.25 1366 1440 1576 1784 768 771 781 798 -hsync +vsync
xrandr --addmode DUMMY0 1366x768
xrandr --addmode DUMMY1 1920x1080
xrandr --output DUMMY0 --mode 1366x768 --pos 0x0 --primary \
       --output DUMMY1 --mode 1920x1080 --right-of DUMMY0
xrandr --listmonitors
echo "stage on $display (log: $state/xorg.log)"
