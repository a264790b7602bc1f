"""QR codes for the join URL: a PNG for the GUI and projector, text for a terminal."""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M


def _code(url: str, border: int = 4) -> qrcode.QRCode:
    # Medium error correction survives a projector's glare and a phone held at an angle.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=border)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_png(url: str) -> bytes:
    """The QR code for `url` as PNG bytes (black on white, with the standard quiet zone)."""
    image = _code(url).make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_text(url: str) -> str:
    """The QR code for `url` drawn with block characters, for printing in a terminal."""
    buffer = io.StringIO()
    _code(url, border=2).print_ascii(out=buffer, invert=True)
    return buffer.getvalue()
