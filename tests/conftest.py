import os

import pytest

# Tests never need a real screen; set before Qt is imported anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def _private_data_folder(tmp_path_factory):
    """Summit's per-user folder (the log) in a folder of the run's own, for this process and
    the app started as a subprocess alike, never the user's (summit_app.places)."""
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data"))


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory):
    """Every test's QSettings (recent files, window geometry, screens) in a folder of its own,
    never the user's: e2e tests open windows too."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    QSettings("Summit", "Summit").clear()
