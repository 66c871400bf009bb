"""Snapshots of the main screens at 80x24 on the demo network (pytest-textual-snapshot).

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`,
look at the SVGs, and regenerate screenshots/ with `python screenshots/export.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.scenes import SCENES, build_app


@pytest.mark.parametrize("name", sorted(SCENES))
def test_main_screens_look_as_approved(name: str, snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scene = SCENES[name]
    app = build_app(scene, tmp_path)
    try:
        assert snap_compare(
            app, press=scene.press, terminal_size=(80, 24), run_before=scene.run_before
        )
    finally:
        app.store.close()
