"""The layering of DESIGN.md, enforced: core is pure, data never reaches up into the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("core", ["textual", "sqlite_utils", "sqlite3", "data", "tui", "click", "platformdirs"]),
        # data may load click indirectly: sqlite_utils imports it for its own CLI.
        ("data", ["textual", "tui"]),
    ],
)
def test_importing_a_layer_loads_nothing_above_it(package: str, forbidden: list[str]) -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        f"import {package}\n"
        f"for mod in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
        "    importlib.import_module(mod.name)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    assert [name for name in loaded if name.split(".")[0] in forbidden] == []


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
