"""The address phones should use, on laptops as Windows, macOS and Linux report their adapters.

The adapter lists are what psutil.net_if_addrs() and net_if_stats() give on each system:
Windows uses the names shown in Settings › Network, macOS and Linux the kernel's names.
"""

from __future__ import annotations

import psutil

from summit_app.server import network
from summit_app.server.network import Adapter, Kind, candidate_addresses, classify, order


def first(adapters: list[Adapter]) -> tuple[str, str, Kind, bool]:
    best = order(adapters)[0]
    return best.adapter, best.ip, best.kind, best.preferred


WINDOWS_LAPTOP = [
    Adapter("Ethernet", ("169.254.12.7",)),  # cable unplugged: Windows gives a link-local address
    Adapter("vEthernet (WSL)", ("172.29.64.1",)),
    Adapter("vEthernet (Default Switch)", ("172.20.16.1",)),
    Adapter("Local Area Connection* 1", ("169.254.88.2",), is_up=False),
    Adapter("Wi-Fi", ("192.168.1.20",)),
    Adapter("NordLynx", ("10.5.0.2",)),
    Adapter("Tailscale", ("100.101.102.103",)),
    Adapter("VirtualBox Host-Only Network", ("192.168.56.1",)),
    Adapter("Bluetooth Network Connection", ("169.254.3.3",)),
    Adapter("Loopback Pseudo-Interface 1", ("127.0.0.1",)),
]


def test_windows_venue_wifi_is_recommended_over_wsl_vpn_and_virtualbox() -> None:
    assert first(WINDOWS_LAPTOP) == ("Wi-Fi", "192.168.1.20", Kind.WIFI, True)
    kinds = {a.adapter: a.kind for a in order(WINDOWS_LAPTOP)}
    assert kinds["vEthernet (WSL)"] is Kind.VIRTUAL
    assert kinds["vEthernet (Default Switch)"] is Kind.VIRTUAL
    assert kinds["VirtualBox Host-Only Network"] is Kind.VIRTUAL
    assert kinds["NordLynx"] is Kind.VPN and kinds["Tailscale"] is Kind.VPN
    assert kinds["Ethernet"] is Kind.LINK_LOCAL
    assert kinds["Loopback Pseudo-Interface 1"] is Kind.LOOPBACK
    assert "Local Area Connection* 1" not in kinds  # down


def test_windows_mobile_hotspot_comes_first_with_its_192_168_137_1() -> None:
    laptop = [*WINDOWS_LAPTOP, Adapter("Local Area Connection* 2", ("192.168.137.1",))]
    assert first(laptop) == ("Local Area Connection* 2", "192.168.137.1", Kind.HOTSPOT, True)
    assert order(laptop)[1].adapter == "Wi-Fi"


def test_windows_wired_desktop_and_non_english_names() -> None:
    assert first([Adapter("Ethernet 2", ("10.1.2.3",))])[2] is Kind.ETHERNET
    assert classify("WLAN", "192.168.0.4") is Kind.WIFI  # German Windows
    assert classify("Wi-Fi 2", "192.168.0.4") is Kind.WIFI
    assert classify("Wireless Network Connection", "192.168.0.4") is Kind.WIFI
    assert classify("Local Area Connection", "10.0.0.9") is Kind.ETHERNET
    assert classify("OpenVPN TAP-Windows6", "10.8.0.6") is Kind.VPN
    assert classify("VMware Network Adapter VMnet8", "192.168.42.1") is Kind.VIRTUAL


MACBOOK = [
    Adapter("lo0", ("127.0.0.1",), flags="up,loopback,running,multicast"),
    Adapter("gif0", (), is_up=False),
    Adapter("anpi0", (), flags="up,broadcast,running,simplex,multicast"),
    Adapter("en0", ("192.168.1.34",), flags="up,broadcast,smart,running,simplex,multicast"),
    Adapter("awdl0", (), flags="up,broadcast,running,promisc,simplex,multicast"),
    Adapter("llw0", (), flags="up,broadcast,running,simplex,multicast"),
    Adapter("utun0", (), flags="up,pointopoint,running,multicast"),
    Adapter("utun3", ("10.20.30.4",), flags="up,pointopoint,running,multicast"),
    Adapter("bridge101", ("192.168.64.1",), flags="up,broadcast,running,simplex,multicast"),
]


def test_macos_wifi_en0_beats_a_vpn_utun_and_a_virtual_machines_bridge() -> None:
    assert first(MACBOOK) == ("en0", "192.168.1.34", Kind.WIFI_OR_ETHERNET, True)
    kinds = {a.adapter: a.kind for a in order(MACBOOK)}
    assert kinds == {
        "en0": Kind.WIFI_OR_ETHERNET,
        "bridge101": Kind.VIRTUAL,  # UTM or Apple Virtualization's shared network
        "utun3": Kind.VPN,
        "lo0": Kind.LOOPBACK,
    }


def test_macos_internet_sharing_bridge100_comes_first() -> None:
    sharing = [*MACBOOK, Adapter("bridge100", ("192.168.2.1",), flags="up,broadcast,running")]
    assert first(sharing) == ("bridge100", "192.168.2.1", Kind.HOTSPOT, True)


def test_a_vpn_is_known_by_its_point_to_point_flag_whatever_its_name() -> None:
    assert classify("corp0", "10.9.8.7", "up,pointopoint,running") is Kind.VPN


LINUX_LAPTOP = [
    Adapter("lo", ("127.0.0.1",), flags="up,loopback,running"),
    Adapter("enp0s31f6", (), is_up=False),
    Adapter("wlp2s0", ("192.168.1.77",), flags="up,broadcast,running,multicast"),
    Adapter("docker0", ("172.17.0.1",), flags="up,broadcast,multicast"),
    Adapter("br-3f2a9c1d4e5b", ("172.18.0.1",), flags="up,broadcast,running,multicast"),
    Adapter("virbr0", ("192.168.122.1",), flags="up,broadcast,multicast"),
    Adapter("tun0", ("10.8.0.2",), flags="up,pointopoint,running,noarp,multicast"),
    Adapter("tailscale0", ("100.88.1.2",), flags="up,pointopoint,running,noarp,multicast"),
    Adapter("wg0", ("10.66.0.2",), flags="up,pointopoint,running,noarp"),
]


def test_linux_wifi_first_then_ethernet_and_never_docker_or_vpn() -> None:
    assert first(LINUX_LAPTOP) == ("wlp2s0", "192.168.1.77", Kind.WIFI, True)
    docked = [*LINUX_LAPTOP, Adapter("eth0", ("10.0.0.5",), flags="up,broadcast,running")]
    assert [a.adapter for a in order(docked)][:2] == ["wlp2s0", "eth0"]
    assert [a.preferred for a in order(docked)].count(True) == 1
    assert classify("wlan0", "192.168.43.100") is Kind.WIFI
    assert classify("enx00e04c680001", "192.168.8.100") is Kind.ETHERNET  # a USB adapter


def test_linux_networkmanager_hotspot_on_the_wifi_adapter() -> None:
    assert classify("wlp2s0", "10.42.0.1") is Kind.HOTSPOT


def test_only_docker_vpn_and_loopback_means_nothing_is_recommended() -> None:
    without_wifi = [a for a in LINUX_LAPTOP if a.name != "wlp2s0"]
    ranked = order(without_wifi)
    assert not any(a.preferred for a in ranked)
    assert ranked[-1].kind is Kind.LOOPBACK  # still listed, so the facilitator can pick one


def test_no_network_at_all_serves_on_loopback(monkeypatch) -> None:
    monkeypatch.setattr(network, "read_adapters", lambda: [Adapter("docker0", ("172.17.0.1",))])
    assert network.preferred_host() == "127.0.0.1"
    assert [a.ip for a in candidate_addresses()] == ["172.17.0.1", "127.0.0.1"]


def test_the_label_says_what_the_adapter_is() -> None:
    best = order([Adapter("Local Area Connection* 2", ("192.168.137.1",))])[0]
    assert best.label == "192.168.137.1  (Local Area Connection* 2: hotspot, recommended)"


def test_this_machines_own_adapters_are_read_through_psutil() -> None:
    addresses = candidate_addresses()
    names = set(psutil.net_if_addrs())
    assert addresses and addresses[-1].ip.startswith("127.")
    assert all(a.adapter in names or a.adapter == "loopback" for a in addresses)
    assert network.preferred_host() in {a.ip for a in addresses} | {"127.0.0.1"}
