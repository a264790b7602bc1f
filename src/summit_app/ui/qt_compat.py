"""A workaround for PySide6 6.12.0 on CPython 3.11: it returns None, True and False
without taking a reference.

Measured here: every call to a Qt method that returns nothing (`setText`, `expandAll`...)
takes one reference from `None`, and every `Signal.emit()` one from `True`. CPython 3.12
made these singletons immortal, which hides the bug there; on 3.11 the app aborted with
"Fatal Python error: none_dealloc" (or "bool_dealloc") after some tens of thousands of
calls, within seconds of a burst of phones' ballots. The singletons are never freed
anyway, so we give each a reference count no run can exhaust, as 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

# ~10^12 calls of headroom; ob_refcnt is a Py_ssize_t, so this cannot overflow.
HEADROOM = 1 << 40


def _refcount_field(obj: object) -> ctypes.c_ssize_t:
    # ob_refcnt is the first field of every object in a release build of CPython 3.11.
    return ctypes.c_ssize_t.from_address(id(obj))


def immortalise_singletons() -> bool:
    """Give None, True and False ample references; True if anything was done."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal / debug
        return False
    for singleton in (None, True, False):
        field = _refcount_field(singleton)
        if field.value < HEADROOM:
            field.value += HEADROOM
    return True
