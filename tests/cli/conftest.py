"""Fixtures for the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.clirun import Nurture


@pytest.fixture
def nt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Nurture:
    """`nurture-tui` on a fresh database in tmp_path, pinned to Thu 26 Nov 2026, Lisbon time."""
    monkeypatch.setenv("NURTURE_TZ", "Europe/Lisbon")
    monkeypatch.delenv("NURTURE_DB", raising=False)
    monkeypatch.setenv("NURTURE_DEMO_DB", str(tmp_path / "demo.db"))
    return Nurture(tmp_path / "nurture.db")
