"""Message templates: the defaults shipped with the app, and the user's own edited copies.

Defaults are package files (`data/templates/<name>.txt`). A user's directory
(`$NURTURE_TEMPLATES`, else `<config dir>/nurture-tui/templates`) holds files of the same names;
a user file wins over the default of the same name. A user file that cannot be read never stops
the composer: the default is used and a note says why.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

from data.paths import APP_NAME

TEMPLATES_ENV = "NURTURE_TEMPLATES"
TEMPLATE_SUFFIX = ".txt"
# Used only if even the shipped defaults are missing (a broken install).
LAST_RESORT_TEMPLATE = "Hi {name},\n\n"
_NAME = re.compile(r"[a-z0-9][a-z0-9.-]*", re.IGNORECASE)


@dataclass(frozen=True)
class LoadedTemplate:
    """A template's text, which name matched, where it came from, and notes for the writer.

    `origin` is the user file's path, or "built-in <name>". `notes` are sentences the composer
    can show as they are (e.g. a user file that could not be read, so the default was used).
    """

    text: str
    name: str
    origin: str
    notes: tuple[str, ...] = ()

    @property
    def is_builtin(self) -> bool:
        """Whether the text is a shipped default rather than the user's own file."""
        return not self.origin or self.origin.startswith("built-in")


@dataclass(frozen=True)
class InstallReport:
    """What `install_default_templates` did: files written, and files kept because they exist."""

    directory: Path
    written: tuple[Path, ...]
    kept: tuple[Path, ...]


def templates_dir(env: Mapping[str, str]) -> Path:
    """The user's template directory: `$NURTURE_TEMPLATES`, else the platform config dir."""
    from_env = env.get(TEMPLATES_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "templates"


def _builtin_dir() -> Traversable:
    return resources.files("data").joinpath("templates")


def _read_builtin(name: str) -> str | None:
    resource = _builtin_dir().joinpath(name + TEMPLATE_SUFFIX)
    try:
        return resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def builtin_template_names() -> tuple[str, ...]:
    """The names of the shipped default templates, sorted."""
    try:
        entries = list(_builtin_dir().iterdir())
    except OSError:
        return ()
    return tuple(
        sorted(
            entry.name.removesuffix(TEMPLATE_SUFFIX)
            for entry in entries
            if entry.name.endswith(TEMPLATE_SUFFIX) and entry.is_file()
        )
    )


def available_templates(env: Mapping[str, str]) -> tuple[str, ...]:
    """Every template name the user can pick: the defaults plus their own files, sorted."""
    names = set(builtin_template_names())
    directory = templates_dir(env)
    with contextlib.suppress(OSError):  # an unreadable directory just adds nothing
        names.update(
            path.name.removesuffix(TEMPLATE_SUFFIX)
            for path in directory.glob("*" + TEMPLATE_SUFFIX)
            if path.is_file() and _NAME.fullmatch(path.name.removesuffix(TEMPLATE_SUFFIX))
        )
    return tuple(sorted(names))


def _read_user(path: Path) -> tuple[str | None, str]:
    """The user file's text, or None with a sentence saying why it could not be used."""
    try:
        # utf-8-sig: a file saved by an editor that writes a byte-order mark still reads cleanly.
        return path.read_text(encoding="utf-8-sig"), ""
    except UnicodeDecodeError as error:
        return None, (
            f"your template {path} is not valid UTF-8 (byte {error.start}): "
            "using the built-in one; save the file as UTF-8 to use yours"
        )
    except PermissionError:
        return (
            None,
            f"your template {path} cannot be read (permission denied): using the built-in one",
        )
    except OSError as error:
        reason = error.strerror or str(error)
        return None, f"your template {path} cannot be read ({reason}): using the built-in one"


def load_template(names: Sequence[str], env: Mapping[str, str]) -> LoadedTemplate:
    """The first template found among `names` (most specific first), the user's copy winning.

    For each name the user's file is tried, then the default of that name; an unreadable user
    file is reported in `notes` and skipped. Never raises: with nothing found at all, a minimal
    greeting is returned with a note.
    """
    directory = templates_dir(env)
    notes: list[str] = []
    for name in names:
        if not _NAME.fullmatch(name):
            notes.append(f"{name!r} is not a template name: use letters, digits, '.' and '-'")
            continue
        user_path = directory / (name + TEMPLATE_SUFFIX)
        try:
            user_exists = user_path.is_file()
        except OSError:
            user_exists = False
        if user_exists:
            text, problem = _read_user(user_path)
            if text is not None:
                return LoadedTemplate(text, name, str(user_path), tuple(notes))
            notes.append(problem)
        builtin = _read_builtin(name)
        if builtin is not None:
            return LoadedTemplate(builtin, name, f"built-in {name}", tuple(notes))
    notes.append(
        f"no template found for {', '.join(names) or 'this message'}: starting from a greeting"
    )
    return LoadedTemplate(LAST_RESORT_TEMPLATE, "", "built-in", tuple(notes))


def install_default_templates(env: Mapping[str, str]) -> InstallReport:
    """Copy the shipped templates into the user's directory to edit; existing files are kept.

    Raises OSError (with the path in it) when the directory or a file cannot be written.
    """
    directory = templates_dir(env)
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    kept: list[Path] = []
    for name in builtin_template_names():
        text = _read_builtin(name)
        if text is None:
            continue
        target = directory / (name + TEMPLATE_SUFFIX)
        try:
            # "x": create only, so a user's edited file is never replaced, even in a race.
            with target.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            kept.append(target)
            continue
        written.append(target)
    return InstallReport(directory, tuple(written), tuple(kept))
