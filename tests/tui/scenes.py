"""The main screens in known states on the demo network: shared by the snapshot tests and
`screenshots/export.py`, so what README shows is what the tests check."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pendulum
from textual.pilot import Pilot

from data.demo import write_demo
from data.store import Store
from tui.app import NurtureApp

TODAY = pendulum.Date(2026, 11, 26)
NOW = pendulum.datetime(2026, 11, 26, 9, 30, tz="Europe/Lisbon")


@dataclass(frozen=True)
class Scene:
    """One screen state: which database, which keys, what to do before the picture."""

    name: str
    demo: bool = True
    press: tuple[str, ...] = ()
    run_before: Callable[[Pilot[None]], Awaitable[None]] | None = field(default=None)


async def _settle(pilot: Pilot[None]) -> None:
    # The agenda's share and intro rows are read in a worker after the first frame.
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


async def _to_ana(pilot: Pilot[None]) -> None:
    """Move the agenda cursor to Ana Lima's check-in (the demo's featured friend)."""
    from tui.widgets.agenda_list import AgendaList

    await pilot.app.workers.wait_for_complete()  # the agenda's share and intro rows
    listing = pilot.app.screen.query_one(AgendaList)
    index = next(
        i for i, item in enumerate(listing.items) if item.contact.display_name == "Ana Lima"
    )
    listing.highlighted = index
    await pilot.pause(0.2)


async def _steady_cursor(pilot: Pilot[None]) -> None:
    """Stop the text cursors blinking, so a picture does not depend on when it was taken."""
    from textual.widgets import Input, TextArea

    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause(0.1)


async def _compose_ana(pilot: Pilot[None]) -> None:
    await _to_ana(pilot)
    await pilot.press("c")
    await pilot.pause(0.3)
    await _steady_cursor(pilot)


async def _open_ana(pilot: Pilot[None]) -> None:
    await _to_ana(pilot)
    await pilot.press("enter")
    await pilot.pause(0.2)


async def _search_ana(pilot: Pilot[None]) -> None:
    await pilot.press("slash")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)
    await pilot.press(*"lima")
    # The search waits for a pause in typing; on a busy machine that takes a while longer.
    for _ in range(50):
        await pilot.pause(0.1)
        if getattr(pilot.app.screen, "_timer", None) is None:
            break
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)
    await _steady_cursor(pilot)


async def _open_stats(pilot: Pilot[None]) -> None:
    """The insights screen, once its worker has added the figures up."""
    from tui.screens.stats import StatsScreen

    await pilot.app.push_screen(StatsScreen())
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


async def _with_library(pilot: Pilot[None]) -> None:
    """Three links in the library (the demo has none), read by the agenda's next reload."""
    from core.models import Shareable
    from data.value_store import ValueStore

    ValueStore(pilot.app.store).add_shareables(  # type: ignore[attr-defined]
        [
            Shareable(
                0,
                "The Crux of Bouldering",
                "https://example.org/crux",
                "why grip matters more than strength",
                ("climbing",),
            ),
            Shareable(0, "Climate models, explained", "https://example.org/models", "", ("ai",)),
            Shareable(
                0, "Recovering after a marathon", "https://example.org/run", "", ("running",)
            ),
        ],
        today=TODAY,
    )


async def _open_library(pilot: Pilot[None]) -> None:
    await _with_library(pilot)
    await pilot.press("l")
    await pilot.pause(0.2)


async def _open_introductions(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.press("n")
    await pilot.pause(0.2)
    await pilot.app.workers.wait_for_complete()  # the suggested pairs
    await pilot.pause(0.2)
    await pilot.press("a")  # propose the first suggestion and ask its first person
    await pilot.pause(0.2)
    await pilot.press("escape")  # back from the composer, the draft kept
    await pilot.pause(0.2)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


SCENES = {
    scene.name: scene
    for scene in (
        Scene("due-today", run_before=_to_ana),
        Scene("contact", run_before=_open_ana),
        Scene("composer", run_before=_compose_ana),
        Scene("contacts-search", run_before=_search_ana),
        Scene("help", press=("question_mark",), run_before=_settle),
        Scene("first-run", demo=False, run_before=_settle),
        Scene("stats", run_before=_open_stats),
        Scene("library", run_before=_open_library),
        Scene("introductions", run_before=_open_introductions),
    )
}


def build_app(scene: Scene, directory: Path) -> NurtureApp:
    """The app on a fresh database for the scene (the demo network, or an empty one)."""
    path = directory / f"{scene.name}.db"
    if scene.demo:
        write_demo(path, TODAY)
    store = Store.open(path)
    return NurtureApp(store, today=TODAY, now=lambda: NOW)
