"""New summits and exports go to the user's folders, never into the installation (which the
next version replaces) nor wherever the app happened to start."""

from __future__ import annotations

from pathlib import Path

import summit_app
from summit_app.ui import settings, user_folders


def test_a_summit_inside_the_installation_exports_to_the_documents_folder():
    inside = Path(summit_app.__file__).parent / "demo.summit"
    assert user_folders.in_installation(inside)
    folder = user_folders.export_folder(inside)
    assert folder == user_folders.documents() / "Summit exports" / "demo"
    assert not user_folders.in_installation(folder)


def test_a_summit_of_the_users_exports_beside_itself(tmp_path):
    assert user_folders.export_folder(tmp_path / "day.summit") == tmp_path / "exports"


def test_open_and_new_start_beside_the_last_summit_else_in_documents(tmp_path):
    assert user_folders.start_folder() == user_folders.documents()
    summit = tmp_path / "day.summit"
    summit.write_bytes(b"")
    settings.add_recent_file(summit)
    assert user_folders.start_folder() == tmp_path.resolve()
