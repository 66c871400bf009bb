"""The hostile network, shared by the CLI and screen tests that show it back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data.store import Store
from tests.resilience.test_hostile_data import build_hostile_network


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The hostile network, built once per module (the 1 MB note takes a moment)."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with Store.open(path) as store:
        return path, build_hostile_network(store)


@pytest.fixture
def ids(built: tuple[Path, dict[str, int]]) -> dict[str, int]:
    """Whose record holds each hostile text (by its key), and the big note's owner."""
    return built[1]


def fresh_copy(built: tuple[Path, dict[str, int]], folder: Path) -> Path:
    """A copy of the hostile network for one test to change."""
    copy = folder / "hostile.db"
    shutil.copyfile(built[0], copy)
    return copy
