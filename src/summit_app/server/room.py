"""The room check: advice for when phones cannot reach the laptop."""

from __future__ import annotations

ROOM_ADVICE = """\
If no phone reaches the check page:
- Client isolation: many venue and guest Wi-Fi networks stop devices from reaching each other.
  Ask the venue for a network without "client isolation" (or "AP isolation"), or use your own
  travel router or the laptop's hotspot.
- Wrong network: the phones must be on the same Wi-Fi as the laptop. Mobile data will not work,
  because the page is served by the laptop, not the internet.
- Firewall: allow Summit (Python) on private networks when the firewall asks. On Windows, mark
  the venue Wi-Fi as a Private network; on macOS, allow incoming connections when asked.
- Hotspot limit: a laptop or phone hotspot takes only about 8 to 10 phones. For a bigger room,
  use the venue Wi-Fi or a travel router.
- Wrong address: if the laptop has several networks (VPN, Docker), choose the Wi-Fi address.
If only some phones reach it, the rest are probably on another network or on mobile data."""
