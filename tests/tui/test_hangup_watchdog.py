"""The SIGHUP watchdog: when the event loop cannot act on a hangup, a thread saves and leaves."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from data.store import Store
from tests.tui.conftest import NOW, TODAY
from tui import app as app_module
from tui.app import HANGUP_STATUS, NurtureApp


class Exited(Exception):
    pass


def test_the_watchdog_saves_closes_and_exits_129(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "n.db")
    app = NurtureApp(store, today=TODAY, now=lambda: NOW)
    flushed: list[str] = []
    app.add_hangup_flush(lambda: flushed.append(threading.current_thread().name))
    codes: list[int] = []

    def fake_exit(code: int) -> None:
        codes.append(code)
        raise Exited

    monkeypatch.setattr(app_module, "HANGUP_GRACE_SECONDS", 0.01)
    monkeypatch.setattr(app_module.os, "_exit", fake_exit)
    with pytest.raises(Exited):
        app._hangup_watchdog()
    assert codes == [HANGUP_STATUS] == [128 + signal.SIGHUP]
    assert flushed == ["nurture-hangup-save"]  # in its helper thread
    with pytest.raises(Exception, match="closed"):
        store.conn.execute("SELECT 1")


def test_the_watchdog_leaves_even_when_the_store_is_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "n.db")
    app = NurtureApp(store, today=TODAY, now=lambda: NOW)
    release = threading.Event()

    def long_write() -> None:  # an import holding the store
        with store._lock:
            release.wait(10)

    holder = threading.Thread(target=long_write, daemon=True)
    holder.start()
    codes: list[int] = []

    def fake_exit(code: int) -> None:
        codes.append(code)
        raise Exited

    monkeypatch.setattr(app_module, "HANGUP_GRACE_SECONDS", 0.01)
    monkeypatch.setattr(app_module, "HANGUP_CLOSE_SECONDS", 0.2)
    monkeypatch.setattr(app_module.os, "_exit", fake_exit)
    started = time.monotonic()
    with pytest.raises(Exited):
        app._hangup_watchdog()
    assert time.monotonic() - started < 2
    assert codes == [HANGUP_STATUS]
    release.set()
    holder.join()
