"""The insights screen (opened from the palette, counted in a worker) and contact health."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Sparkline, Static

from core.models import Circle, Contact
from data import stats_queries
from data.store import Store
from tests.tui.conftest import TODAY
from tui.screens.agenda import AgendaScreen
from tui.screens.contact import ContactScreen
from tui.screens.stats import StatsScreen


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    """The words a Static on the current screen shows, on one line."""
    return " ".join(str(app.screen.query_one(selector, Static).content).split())


async def open_stats(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.press(*"stats")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_palette_opens_the_figures_of_the_small_network(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stats(pilot)
        assert isinstance(app.screen, StatsScreen)
        assert not app.screen.has_class("-loading")
        # Ana (inner) is 18 days late and Dario (network) 10; the other three are on cadence.
        cadence = shown(app, "#stats-cadence")
        assert "inner 0/1 0%" in cadence
        assert "close 1/1 100%" in cadence
        assert "active 2/2 100%" in cadence
        assert "network 0/1 0%" in cadence
        assert "everyone 3/5 60%" in cadence
        drifting = shown(app, "#stats-drifting")
        assert drifting.index("Ana Lima 18d late · 7d") < drifting.index("Dario Sa 10d late · 90d")
        assert shown(app, "#stats-counts") == "5 people"
        # Six touches in all, all within the year: one on each of six days.
        assert "6 in all" in shown(app, "#stats-weekly-title")
        assert sum(app.screen.query_one("#stats-weekly", Sparkline).data or []) == 6
        assert "budget 5 met on 0 · 0.1 a day" in shown(app, "#stats-budget")
        summary = shown(app, "#stats-summary")
        # Carla's birthday last year (27 Nov 2025) fell within the year and went unmarked.
        assert "Celebrations 0 caught · 1 missed" in summary
        assert "Give and ask 0 gives · 0 asks none logged in the last year" in summary
        assert "Cleared streak 0 days longest" in summary
        await pilot.press("escape")
        assert isinstance(app.screen, AgendaScreen)


async def test_i_on_the_agenda_opens_the_figures_and_escape_comes_back(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        assert "everyone 3/5 60%" in shown(app, "#stats-cadence")
        await pilot.press("escape")
        assert isinstance(app.screen, AgendaScreen)


async def test_the_screen_says_it_is_counting_and_stays_responsive(
    seeded, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    original = stats_queries.read_network_stats

    def slow(*args: Any, **kwargs: Any) -> stats_queries.NetworkReport:
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(stats_queries, "read_network_stats", slow)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(StatsScreen())
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.has_class("-loading")
        assert shown(app, "#stats-loading") == "Adding up your network…"
        await pilot.press("j", "k")  # the UI still answers while the worker counts
        assert screen.report is None
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.has_class("-loading")
        assert screen.report is not None and screen.seconds is not None
        await pilot.press("r")  # counts again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "everyone 3/5" in shown(app, "#stats-cadence")


async def test_a_failed_count_is_said_not_crashed(
    seeded, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def broken(*args: Any, **kwargs: Any) -> stats_queries.NetworkReport:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(stats_queries, "read_network_stats", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(StatsScreen())
        for _ in range(50):  # wait_for_complete() would re-raise the worker's error
            await pilot.pause(0.05)
            if "Cannot" in shown(app, "#stats-loading"):
                break
        assert isinstance(app.screen, StatsScreen)
        assert "Cannot add up the network: disk on fire" in shown(app, "#stats-loading")


async def test_names_are_shown_literally(seeded, make_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(db_path) as store:
        (eve,) = store.add_contacts(
            [Contact(id=0, display_name="[b]Eve[/]\x1b", circle=Circle.INNER)],
            today=TODAY.subtract(days=30),
            daily_budget=5,
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(StatsScreen())
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[b]Eve[/]^[ 30d late · 7d" in shown(app, "#stats-drifting")


async def test_the_contact_page_shows_the_relationships_health(seeded, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ContactScreen(seeded["Bruno"]))
        await pilot.pause()
        body = shown(app, "#contact-body")
        health = body[body.index("Health") : body.index("Timeline")]
        # Touched 40 and 2 days ago (the second from them), every 30 days.
        assert "recency 100 thriving last touch 2 days ago · due in 28 days" in health
        assert "reciprocity 100 thriving 1 of 2 touches from them or together" in health
        assert "consistency 73 steady 0 of 1 gaps within the cadence" in health
        assert "per month" in health and "2 touches" in health
        await app.push_screen(ContactScreen(seeded["Ana"]))
        await pilot.pause()
        body = shown(app, "#contact-body")
        health = body[body.index("Health") : body.index("Timeline")]
        assert "recency 0 neglected last touch 25 days ago · 18 days late" in health
        assert "reciprocity 0 neglected 0 of 1 touches" in health
        assert "consistency — — needs two touches in a year" in health
