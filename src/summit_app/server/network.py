"""Which of the laptop's addresses phones should use: Wi-Fi or hotspot before bridges and VPNs.

A laptop at a venue usually has several addresses: Wi-Fi, perhaps a hotspot, and often
Docker bridges, VPN tunnels or Tailscale. Phones can only reach the one on the room's
network, so that one goes first; the facilitator can still pick another.
"""

from __future__ import annotations

import ipaddress
import json
import shutil
import socket
import subprocess

# Name prefixes, best first. Anything not listed sits between "wired" and "virtual".
WIRELESS = ("wl", "wlan", "wifi", "ap", "hotspot", "wi-fi", "wireless")
WIRED = ("en", "eth", "ethernet")
VIRTUAL = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vbox",
    "vmnet",
    "tun",
    "tap",
    "tailscale",
    "wg",
    "zt",
    "vpn",
    "utun",
    "ppp",
    "lxc",
    "lxd",
    "cni",
    "flannel",
    "podman",
    "ham",
    "nordlynx",
)


def rank(name: str, ip: str) -> int:
    """Lower is better: Wi-Fi/hotspot 0, wired 1, other 2, virtual 8, link-local 9, loopback 10."""
    address = ipaddress.ip_address(ip)
    if address.is_loopback:
        return 10
    if address.is_link_local:
        return 9
    lower = name.lower()
    if lower.startswith(VIRTUAL):
        return 8
    if lower.startswith(WIRELESS):
        return 0
    if lower.startswith(WIRED):
        return 1
    return 2


def order(pairs: list[tuple[str, str]]) -> list[tuple[str, str, bool]]:
    """(name, ip) pairs sorted best first; the first is preferred unless it is loopback."""
    ranked = sorted(dict.fromkeys(pairs), key=lambda p: (rank(*p), p[0], p[1]))
    return [(name, ip, i == 0 and rank(name, ip) < 9) for i, (name, ip) in enumerate(ranked)]


def candidate_addresses() -> list[tuple[str, str, bool]]:
    """The laptop's IPv4 addresses as (interface name, ip, is_preferred), best first."""
    pairs = _from_ip_command() or _from_sockets()
    if not any(ip == "127.0.0.1" for _, ip in pairs):
        pairs.append(("loopback", "127.0.0.1"))
    return order(pairs)


def preferred_host() -> str:
    """The address to serve on by default: the best LAN address, else loopback."""
    return candidate_addresses()[0][1]


def _from_ip_command() -> list[tuple[str, str]]:
    """Linux: `ip -j -4 addr` names every interface with its addresses."""
    ip = shutil.which("ip")
    if ip is None:
        return []
    try:
        out = subprocess.run(
            [ip, "-j", "-4", "addr"], capture_output=True, text=True, timeout=2, check=True
        ).stdout
        return [
            (link["ifname"], addr["local"])
            for link in json.loads(out)
            for addr in link.get("addr_info", [])
            if addr.get("family") == "inet" and "UP" in link.get("flags", ["UP"])
        ]
    except (OSError, subprocess.SubprocessError, ValueError, KeyError, TypeError):
        return []


def _from_sockets() -> list[tuple[str, str]]:
    """Windows and macOS: the address of the default route, and the host name's addresses.

    Interface names are not available this way, so these are labelled by where they came from.
    """
    pairs: list[tuple[str, str]] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        # A UDP "connect" sends nothing; it only asks the OS which address would be used.
        probe.connect(("10.255.255.255", 1))
        pairs.append(("default route", probe.getsockname()[0]))
    except OSError:
        pass
    finally:
        probe.close()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            pairs.append(("host name", str(info[4][0])))
    except OSError:
        pass
    return pairs
