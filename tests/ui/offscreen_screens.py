"""Plugging screens in and out of Qt's offscreen platform, as Qt's own tests do.

The offscreen platform keeps its screens in a JSON configuration and applies a new one as
real screen events: QGuiApplication.screenAdded, screenRemoved and QScreen's
geometryChanged, exactly what a laptop sees when a projector is plugged in or unplugged.
Its `setConfiguration` is reached through the platform's native interface, which PySide6
does not wrap, so it is called here through ctypes.
"""

from __future__ import annotations

import ctypes
import json
from pathlib import Path

import PySide6
import shiboken6
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QGuiApplication

LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
# QObject has 12 virtual slots (metaObject ... disconnectNotify, the destructor twice);
# QPlatformNativeInterface::nativeResourceForIntegration is the first one after them.
NATIVE_RESOURCE_FOR_INTEGRATION = 12
DEFAULT = [{"name": "", "x": 0, "y": 0, "width": 800, "height": 800}]


class OffscreenScreens:
    def __init__(self) -> None:
        assert QGuiApplication.platformName() == "offscreen", QGuiApplication.platformName()
        gui = ctypes.CDLL(str(LIB / "libQt6Gui.so.6"))
        core = ctypes.CDLL(str(LIB / "libQt6Core.so.6"))
        native = gui._ZN15QGuiApplication23platformNativeInterfaceEv
        native.restype = ctypes.c_void_p
        self._iface = native()
        vtable = ctypes.cast(self._iface, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p)))[0]
        resource = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(
            vtable[NATIVE_RESOURCE_FOR_INTEGRATION]
        )
        name = QByteArray(b"setConfiguration")
        function = resource(self._iface, shiboken6.getCppPointer(name)[0])
        assert function, "the offscreen platform has no setConfiguration"
        self._set = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)(function)
        self._from_json = core._ZN13QJsonDocument8fromJsonERK10QByteArrayP15QJsonParseError
        self._from_json.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        self._from_json.restype = None
        self._object = core._ZNK13QJsonDocument6objectEv
        self._object.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self._object.restype = None
        self._keep: list[object] = []  # the C++ values handed to Qt stay alive

    def set(self, screens: list[dict]) -> None:
        """Make these the screens (by name: new names are plugged in, missing ones out)."""
        data = QByteArray(json.dumps({"screens": screens}).encode())
        document = ctypes.create_string_buffer(64)  # a QJsonDocument (one pointer)
        self._from_json(document, shiboken6.getCppPointer(data)[0], None)
        config = ctypes.create_string_buffer(64)  # a QJsonObject (one pointer)
        self._object(config, document)
        self._keep += [data, document, config]
        self._set(config, self._iface)
        QGuiApplication.processEvents()

    def reset(self) -> None:
        self.set(DEFAULT)


def laptop(width: int = 1366, height: int = 768) -> dict:
    return {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}


def projector(name: str = "HDMI-1", width: int = 1920, height: int = 1080, x: int = 1366) -> dict:
    return {"name": name, "x": x, "y": 0, "width": width, "height": height}
