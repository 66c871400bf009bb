"""Regenerate the SVG screenshots README shows: `.venv/bin/python screenshots/export.py`.

Drives the same scenes as the snapshot tests (tests/tui/scenes.py) on the demo network at
80x24, as of Thu 26 Nov 2026, and saves one SVG per main screen beside this file.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.tui.scenes import SCENES, build_app  # noqa: E402

SHOWN = (
    "due-today",
    "contact",
    "composer",
    "contacts-search",
    "stats",
    "help",
    "first-run",
    "library",
    "introductions",
)


async def export(name: str, directory: Path) -> Path:
    scene = SCENES[name]
    app = build_app(scene, directory)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            if scene.press:
                await pilot.press(*scene.press)
            if scene.run_before is not None:
                await scene.run_before(pilot)
            await pilot.pause(0.1)
            target = HERE / f"{name}.svg"
            app.save_screenshot(filename=target.name, path=str(HERE))
            return target
    finally:
        app.store.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for name in SHOWN:
            print(asyncio.run(export(name, Path(scratch))))


if __name__ == "__main__":
    main()
