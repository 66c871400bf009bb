"""Leaving the app for a moment: the user's `$EDITOR`, and the configured send command.

Both run a program the user chose, always as an argv list (`shlex` splits `$EDITOR`; the send
command is stored as a JSON list), never through a shell, so nothing in a draft or a contact's
name can become a command. The screens call these through the module (`editor.edit_text`), so
tests replace them with `monkeypatch` (the headless test driver cannot suspend).
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

SEND_COMMAND_SETTING = "send_command"
SEND_TIMEOUT_SECONDS = 30
# Argv elements may hold these; each is replaced by the value (no shell ever sees it).
SEND_FIELDS = ("{to}", "{subject}", "{name}", "{channel}")


class EditorError(Exception):
    """The editor could not be used; the message is a sentence for a toast."""


class SendCommandError(Exception):
    """The stored send command cannot be used as it is; the message says how to fix it."""


# --- $EDITOR ----------------------------------------------------------------------------------


def editor_argv(env: Mapping[str, str]) -> list[str]:
    """`$VISUAL`, else `$EDITOR`, split like a shell would split words (but never run by one)."""
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError as error:
            raise EditorError(f"${variable} cannot be read ({error}): {value!r}") from error
        if argv:
            return argv
    raise EditorError("No editor set: export EDITOR=nano (or vim, hx, code -w...) and try again.")


def edit_text(app: App[object], text: str, *, env: Mapping[str, str] | None = None) -> str:
    """Let the user edit `text` in their editor (the app suspended meanwhile); the new text.

    The text goes to a private temporary file (0600) that is removed afterwards. Raises
    EditorError, with the reason, when there is no editor, it cannot start, it exits with an
    error, or this terminal cannot hand over; the caller's text is then untouched.
    """
    from textual.app import SuspendNotSupported

    argv = editor_argv(os.environ if env is None else env)
    descriptor, name = tempfile.mkstemp(prefix="nurture-draft-", suffix=".txt")  # mode 0600
    path = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            with app.suspend():
                completed = subprocess.run([*argv, str(path)], check=False)
        except SuspendNotSupported as error:
            raise EditorError("This terminal cannot hand over to an editor.") from error
        except FileNotFoundError as error:
            raise EditorError(f"Editor not found: {argv[0]} (check $VISUAL / $EDITOR).") from error
        except OSError as error:
            raise EditorError(f"Editor {argv[0]} could not start: {error.strerror}") from error
        if completed.returncode != 0:
            raise EditorError(
                f"{argv[0]} exited with status {completed.returncode}: the draft is unchanged."
            )
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise EditorError("The edited file is not UTF-8: the draft is unchanged.") from error
    finally:
        path.unlink(missing_ok=True)


# --- the send command -------------------------------------------------------------------------


def parse_send_command(stored: str | None) -> list[str] | None:
    """The stored setting as an argv list; None when not configured.

    Raises SendCommandError when the setting is not a non-empty JSON list of strings.
    """
    if stored is None or not stored.strip():
        return None
    try:
        value = json.loads(stored)
    except json.JSONDecodeError as error:
        raise SendCommandError(
            "the send command setting is not valid JSON: set it again with "
            "nurture-tui config send-command PROGRAM ARGS..."
        ) from error
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise SendCommandError(
            "the send command setting must be a list of words: set it again with "
            "nurture-tui config send-command PROGRAM ARGS..."
        )
    return list(value)


def fill_send_argv(argv: Sequence[str], values: Mapping[str, str]) -> list[str]:
    """Each `{to}`, `{subject}`, `{name}`, `{channel}` inside an argv element replaced.

    Values are inserted once (a subject holding `{to}` stays as written) and never reach a
    shell. Raises SendCommandError when the command needs a value that is empty (no email).
    """
    filled: list[str] = []
    for element in argv:
        pieces: list[str] = []
        rest = element
        while rest:
            positions = [(rest.find(field), field) for field in SEND_FIELDS if field in rest]
            if not positions:
                pieces.append(rest)
                break
            index, field = min(positions)
            key = field[1:-1]
            value = values.get(key, "")
            if not value:
                raise SendCommandError(f"the send command needs {field} but there is none")
            pieces.append(rest[:index])
            pieces.append(value)
            rest = rest[index + len(field) :]
        filled.append("".join(pieces))
    return filled


@dataclass(frozen=True)
class SendResult:
    """How a send went: `ok`, else `reason` (a sentence: stderr's last line, or what failed)."""

    ok: bool
    reason: str = ""


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_send_command(
    argv: Sequence[str],
    message: str,
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = SEND_TIMEOUT_SECONDS,
) -> SendResult:
    """Run `argv` (no shell) with `message` on stdin; blocks, so call it from a thread worker."""
    try:
        completed = subprocess.run(
            list(argv),
            input=message,
            shell=False,
            timeout=timeout,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=None if env is None else dict(env),
            check=False,
        )
    except FileNotFoundError:
        return SendResult(False, f"command not found: {argv[0]}")
    except PermissionError:
        return SendResult(False, f"not allowed to run {argv[0]}")
    except subprocess.TimeoutExpired:
        return SendResult(False, f"{argv[0]} did not finish within {timeout:g} s")
    except OSError as error:
        return SendResult(False, f"{argv[0]} could not start: {error.strerror or error}")
    if completed.returncode != 0:
        why = _last_line(completed.stderr) or _last_line(completed.stdout)
        status = f"exit status {completed.returncode}"
        return SendResult(False, f"{why} ({status})" if why else status)
    return SendResult(True)
