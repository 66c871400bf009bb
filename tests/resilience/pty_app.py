"""Run the real `nurture-tui` in a real pseudo-terminal: read its screen, press keys, hang up.

No mocks: the app is its own process (the console script), on a pty of 80x24 that is its
controlling terminal, so closing our end is a true hangup (the kernel sends SIGHUP), and
`os.kill` delivers real signals. The screen is read from the raw output with escape
sequences removed: good enough to wait for a piece of text to be painted.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NURTURE = ROOT / ".venv" / "bin" / "nurture-tui"

# Make the pty the child's controlling terminal, then become the app (same pid): a
# hangup of the pty then reaches it the way a dropped SSH link does.
_LAUNCHER = (
    "import fcntl, os, sys, termios\n"
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0)\n"
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)

_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC ... BEL / ST
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS ... ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[()][0-9A-Za-z]"  # charset designation
    r"|\x1b[ -/]*[0-~]"  # any other two-byte escape
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def screen_text(raw: bytes) -> str:
    """The printable text in a stretch of terminal output (escapes and controls removed)."""
    text = raw.decode("utf-8", errors="replace")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


class AppExitedEarly(AssertionError):
    """The app ended while we were waiting for something on its screen."""


class PtyApp:
    """`nurture-tui ARGS` on a fresh pty; `with PtyApp(...) as app:` always cleans up."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        size: tuple[int, int] = (80, 24),
    ) -> None:
        self.args = list(args)
        self.env = dict(os.environ if env is None else env)
        self.env.update(TERM="xterm-256color", TEXTUAL_ANIMATIONS="none")
        for name in ("COLUMNS", "LINES", "NO_COLOR"):
            self.env.pop(name, None)
        self.cwd = cwd
        self.size = size
        self.process: subprocess.Popen[bytes] | None = None
        self.master = -1
        self._output = bytearray()
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._reader: threading.Thread | None = None
        self.started_at = 0.0

    # --- life cycle ---------------------------------------------------------------------
    def start(self) -> PtyApp:
        master, slave = os.openpty()
        columns, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started_at = time.monotonic()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(NURTURE), *self.args],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                start_new_session=True,
                env=self.env,
                cwd=self.cwd,
                close_fds=True,
            )
        finally:
            os.close(slave)
        self.master = master
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()
        return self

    def __enter__(self) -> PtyApp:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading, close our end, and end the app if it is somehow still running."""
        self._stop_reading()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
        process = self.process
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_reading(self) -> None:
        """Stop draining the terminal, as a frozen SSH client does: the app's output backs up."""
        self._stop_reading()

    def _stop_reading(self) -> None:
        self._stop.set()
        if self._reader is not None:
            self._reader.join(timeout=5)
            self._reader = None

    def _read(self) -> None:
        # Always drain the pty, so the app never blocks writing to a full terminal.
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if not ready:
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every slave end is closed, the app is gone
                chunk = b""
            with self._changed:
                if chunk:
                    self._output += chunk
                self._changed.notify_all()
            if not chunk:
                return

    # --- the screen ---------------------------------------------------------------------
    def mark(self) -> int:
        """A position in the output: `wait_for(..., since=mark)` looks only at what follows."""
        with self._changed:
            return len(self._output)

    def text(self, since: int = 0) -> str:
        with self._changed:
            return screen_text(bytes(self._output[since:]))

    def wait_for(self, pattern: str, *, timeout: float = 20.0, since: int = 0) -> float:
        """Wait until `pattern` (a regex) is painted; returns the seconds since the start."""
        compiled = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                if compiled.search(screen_text(bytes(self._output[since:]))):
                    return time.monotonic() - self.started_at
                if self.process is not None and self.process.poll() is not None:
                    raise AppExitedEarly(
                        f"the app exited ({self.process.returncode}) before {pattern!r} was"
                        f" painted; its last output:\n{self.text()[-2000:]}"
                    )
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"{pattern!r} not painted within {timeout} s; the last output:\n"
                        f"{self.text(since)[-2000:]}"
                    )
                self._changed.wait(min(left, 0.1))

    # --- input and signals ----------------------------------------------------------------
    def press(self, *keys: bytes | str) -> None:
        """Write keys (bytes as the terminal sends them; str as UTF-8) to the app."""
        for key in keys:
            data = key.encode() if isinstance(key, str) else key
            os.write(self.master, data)

    def press_while_writable(self, text: str, *, gap: float = 0.0, timeout: float = 2.0) -> int:
        """Type `text` (a key every `gap` s) while the terminal takes input; how much it took."""
        for count, character in enumerate(text):
            _, writable, _ = select.select([], [self.master], [], timeout)
            if not writable:
                return count
            self.press(character)
            if gap:
                time.sleep(gap)
        return len(text)

    def type_slowly(self, text: str, *, gap: float) -> None:
        for character in text:
            self.press(character)
            time.sleep(gap)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def signal(self, signum: int) -> float:
        """Deliver `signum` to the app; returns when (monotonic) it was sent."""
        sent = time.monotonic()
        os.kill(self.pid, signum)
        return sent

    def hang_up_terminal(self) -> float:
        """Close our end of the pty, as sshd does when the link drops; returns when."""
        self._stop_reading()
        sent = time.monotonic()
        os.close(self.master)
        self.master = -1
        return sent

    def wait_exit(self, timeout: float) -> int | None:
        """The app's exit status, or None if it is still running after `timeout` seconds."""
        assert self.process is not None
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None


KEY_ENTER = b"\r"
KEY_ESCAPE = b"\x1b"
KEY_CTRL_P = b"\x10"
KEY_CTRL_S = b"\x13"
