"""Which of the laptop's addresses phones should use: hotspot and Wi-Fi first, then Ethernet.

A laptop at a venue usually has several adapters: Wi-Fi, perhaps a hotspot, and often Docker
or virtual-machine bridges, VPN tunnels or Tailscale. Phones can reach only the one on the
room's network, so that one goes first and is recommended; the facilitator can still pick
another. psutil names the adapters the same way the OS shows them ("Wi-Fi" and "Local Area
Connection* 2" on Windows, "en0" and "bridge100" on macOS, "wlp2s0" on Linux), with their
flags, so one set of rules serves all three.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

import psutil


class Kind(Enum):
    """What an adapter is, best first for phones; the value is what the facilitator reads."""

    HOTSPOT = "hotspot"
    WIFI = "Wi-Fi"
    WIFI_OR_ETHERNET = "Wi-Fi or Ethernet"  # macOS's en0, en1...: the name does not say which
    ETHERNET = "Ethernet"
    OTHER = "network"
    VIRTUAL = "virtual machine or container"
    VPN = "VPN"
    LINK_LOCAL = "no network address"
    LOOPBACK = "this laptop only"


RANK = {kind: place for place, kind in enumerate(Kind)}
RECOMMENDABLE = {Kind.HOTSPOT, Kind.WIFI, Kind.WIFI_OR_ETHERNET, Kind.ETHERNET, Kind.OTHER}

# The subnets the OS's own hotspot hands out: Windows Mobile hotspot (Internet Connection
# Sharing), macOS Internet Sharing, Linux NetworkManager's "shared" hotspot.
HOTSPOT_NETS = tuple(
    ipaddress.ip_network(n) for n in ("192.168.137.0/24", "192.168.2.0/24", "10.42.0.0/16")
)
TAILSCALE_NET = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, used by Tailscale

# Lower-case names, matched from the start of the name (`^`) or anywhere in it.
VPN = re.compile(
    r"^(tun|utun|tap|wg|ppp|ipsec|zt|ham|gpd)|vpn|tailscale|zerotier|wireguard|nordlynx|"
    r"tap-windows|wintun|anyconnect|forti|globalprotect|pangp|mullvad|proton"
)
VIRTUAL = re.compile(
    r"^(docker|br-|veth|virbr|vboxnet|vmnet|vnic|lxc|lxd|incus|cni|flannel|cali|podman|"
    r"vmenet|bridge|anpi|awdl|llw|gif|stf)|vethernet|virtualbox|vmware|hyper-v|npcap"
)
WIFI = re.compile(r"^(wl|wifi|wi-fi|wlan|wireless|ap\d)|wi-fi|wireless")
ETHERNET = re.compile(r"^(eth|en[a-z]|em\d|ethernet|local area connection( \d+)?$)")
WINDOWS_HOTSPOT = re.compile(r"^local area connection\* ?\d+$")


@dataclass(frozen=True)
class Adapter:
    """A network adapter as the OS reports it."""

    name: str
    ips: tuple[str, ...]  # IPv4 addresses
    is_up: bool = True
    flags: str = ""  # psutil's on Linux and macOS: "up,broadcast,running,multicast,..."


@dataclass(frozen=True)
class Address:
    """One address phones might use, with what it is and whether it is the one to use."""

    adapter: str
    ip: str
    kind: Kind
    preferred: bool = False

    @property
    def label(self) -> str:
        recommended = ", recommended" if self.preferred else ""
        return f"{self.ip}  ({self.adapter}: {self.kind.value}{recommended})"


def classify(name: str, ip: str, flags: str = "") -> Kind:
    address = ipaddress.ip_address(ip)
    lower = name.lower()
    flag_set = set(flags.split(","))
    if address.is_loopback or "loopback" in flag_set:
        return Kind.LOOPBACK
    if address.is_link_local:
        return Kind.LINK_LOCAL
    in_hotspot_net = any(address in net for net in HOTSPOT_NETS)
    if in_hotspot_net and (WINDOWS_HOTSPOT.match(lower) or re.match(r"bridge\d+$", lower)):
        return Kind.HOTSPOT
    if WINDOWS_HOTSPOT.match(lower):
        return Kind.VIRTUAL  # Wi-Fi Direct's virtual adapter, without the hotspot's address
    if VPN.search(lower) or "pointopoint" in flag_set or address in TAILSCALE_NET:
        return Kind.VPN
    if VIRTUAL.search(lower):
        return Kind.VIRTUAL
    if WIFI.search(lower):
        return Kind.HOTSPOT if in_hotspot_net and lower.startswith(("wl", "ap")) else Kind.WIFI
    if re.match(r"en\d+$", lower):
        return Kind.WIFI_OR_ETHERNET
    if ETHERNET.match(lower):
        return Kind.ETHERNET
    return Kind.OTHER


def order(adapters: Iterable[Adapter]) -> list[Address]:
    """Every IPv4 address of the adapters that are up, best first. The first is preferred if
    phones could use it: never a VPN, a container or VM bridge, link-local or loopback."""
    found = {
        (a.name, ip): classify(a.name, ip, a.flags) for a in adapters if a.is_up for ip in a.ips
    }
    ranked = sorted(found.items(), key=lambda item: (RANK[item[1]], item[0]))
    return [
        Address(name, ip, kind, preferred=i == 0 and kind in RECOMMENDABLE)
        for i, ((name, ip), kind) in enumerate(ranked)
    ]


def read_adapters() -> list[Adapter]:
    """The laptop's adapters, through psutil, on Windows, macOS and Linux alike."""
    stats = psutil.net_if_stats()
    adapters = []
    for name, addresses in psutil.net_if_addrs().items():
        ips = tuple(a.address for a in addresses if a.family == socket.AF_INET)
        stat = stats.get(name)
        is_up = stat.isup if stat is not None else True
        adapters.append(Adapter(name, ips, is_up, getattr(stat, "flags", "") or ""))
    return adapters


def candidate_addresses() -> list[Address]:
    """The laptop's IPv4 addresses, best first, always ending with loopback."""
    addresses = order(read_adapters())
    if not any(a.ip == "127.0.0.1" for a in addresses):
        addresses.append(Address("loopback", "127.0.0.1", Kind.LOOPBACK))
    return addresses


def preferred_host() -> str:
    """The address to serve on by default: the recommended one, else this laptop only."""
    addresses = candidate_addresses()
    return addresses[0].ip if addresses[0].preferred else "127.0.0.1"
