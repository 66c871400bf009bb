"""Template files: shipped defaults, the user's own copies, and what happens when one is broken."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from core.compose import (
    PLACEHOLDERS,
    DraftContext,
    fill_template,
    personalization_checklist,
    subject_and_body,
    template_name_for,
)
from core.models import Channel
from data.templates import (
    LAST_RESORT_TEMPLATE,
    TEMPLATES_ENV,
    available_templates,
    builtin_template_names,
    install_default_templates,
    load_template,
    templates_dir,
)

KINDS = ["check-in", "commitment", "reply-owed", "celebration", "life-event"]
FULL = DraftContext(
    name="Ana",
    full_name="Ana Lima",
    days_since=18,
    last_topic="marathon training",
    question="how did the race go?",
    milestone="birthday (turns 40)",
    promise="send the deck",
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {TEMPLATES_ENV: str(tmp_path / "templates")}


def user_dir(env: dict[str, str]) -> Path:
    path = Path(env[TEMPLATES_ENV])
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_templates_dir_from_env_or_platform(tmp_path: Path) -> None:
    assert templates_dir({TEMPLATES_ENV: str(tmp_path)}) == tmp_path
    assert templates_dir({TEMPLATES_ENV: "  "}) == (
        platformdirs.user_config_path("nurture-tui") / "templates"
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.TEXT])
def test_every_kind_has_a_specific_default(
    kind: str, channel: Channel, env: dict[str, str]
) -> None:
    names = template_name_for(kind, channel)
    loaded = load_template(names, env)
    assert loaded.name == names[0]
    assert loaded.is_builtin and loaded.notes == ()
    filled = fill_template(loaded.text, FULL)
    assert filled.problems == filled.unknown == ()
    subject, body = subject_and_body(filled.text)
    if channel is Channel.EMAIL:
        assert subject and "{" not in subject
        assert body.startswith("Hi Ana")
    else:
        assert subject == ""
        assert len(body) < 200
    assert "Ana" in body and "?" in body
    if channel is Channel.EMAIL:
        assert all(check.ok for check in personalization_checklist(body, FULL))


@pytest.mark.parametrize("name", builtin_template_names())
def test_shipped_templates_use_only_known_placeholders(name: str, env: dict[str, str]) -> None:
    filled = fill_template(load_template([name], env).text, DraftContext())
    assert filled.problems == ()
    assert set(filled.empty) <= PLACEHOLDERS


def test_builtin_names_include_fallbacks() -> None:
    assert {"default", "default.email", "default.text", "check-in.email"} <= set(
        builtin_template_names()
    )


def test_user_file_wins(env: dict[str, str]) -> None:
    mine = user_dir(env) / "check-in.email.txt"
    mine.write_text("Subject: yo {name}\n\nmine", encoding="utf-8")
    loaded = load_template(template_name_for("check-in", Channel.EMAIL), env)
    assert loaded.text == "Subject: yo {name}\n\nmine"
    assert loaded.origin == str(mine)
    assert not loaded.is_builtin


def test_user_file_for_a_new_kind_is_used(env: dict[str, str]) -> None:
    (user_dir(env) / "share.txt").write_text("Saw this: {share_url}", encoding="utf-8")
    loaded = load_template(template_name_for("share", Channel.EMAIL), env)
    assert (loaded.name, loaded.text) == ("share", "Saw this: {share_url}")
    assert "share" in available_templates(env)


def test_specific_default_beats_generic_user_file(env: dict[str, str]) -> None:
    (user_dir(env) / "default.txt").write_text("generic", encoding="utf-8")
    loaded = load_template(template_name_for("check-in", Channel.TEXT), env)
    assert loaded.name == "check-in.text" and loaded.is_builtin


def test_byte_order_mark_is_dropped(env: dict[str, str]) -> None:
    (user_dir(env) / "default.txt").write_bytes("\ufeffHi {name}".encode())
    assert load_template(["default"], env).text == "Hi {name}"


def test_bad_utf8_falls_back_with_a_note(env: dict[str, str]) -> None:
    broken = user_dir(env) / "check-in.text.txt"
    broken.write_bytes(b"Hi \xff\xfe {name}")
    loaded = load_template(template_name_for("check-in", Channel.TEXT), env)
    assert loaded.is_builtin and loaded.name == "check-in.text"
    assert len(loaded.notes) == 1
    assert str(broken) in loaded.notes[0] and "not valid UTF-8" in loaded.notes[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_falls_back_with_a_note(env: dict[str, str]) -> None:
    locked = user_dir(env) / "congrats.email.txt"
    locked.write_text("mine", encoding="utf-8")
    locked.chmod(0)
    try:
        loaded = load_template(template_name_for("celebration", Channel.EMAIL), env)
    finally:
        locked.chmod(0o600)
    assert loaded.is_builtin and loaded.name == "congrats.email"
    assert loaded.notes == (
        f"your template {locked} cannot be read (permission denied): using the built-in one",
    )


def test_a_directory_named_like_a_template_is_ignored(env: dict[str, str]) -> None:
    (user_dir(env) / "default.txt").mkdir()
    loaded = load_template(["default"], env)
    assert loaded.is_builtin and loaded.notes == ()


def test_nothing_found_gives_a_greeting_and_a_note(env: dict[str, str]) -> None:
    loaded = load_template(["no-such-template"], env)
    assert loaded.text == LAST_RESORT_TEMPLATE
    assert loaded.notes == ("no template found for no-such-template: starting from a greeting",)


def test_path_like_names_are_refused(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    loaded = load_template(["../secret", "default"], env)
    assert loaded.name == "default" and "secret" not in loaded.text
    assert loaded.notes == ("'../secret' is not a template name: use letters, digits, '.' and '-'",)


def test_install_copies_defaults_and_keeps_user_edits(env: dict[str, str]) -> None:
    mine = user_dir(env) / "check-in.email.txt"
    mine.write_text("my own words", encoding="utf-8")
    report = install_default_templates(env)
    assert report.directory == Path(env[TEMPLATES_ENV])
    assert report.kept == (mine,)
    assert mine.read_text(encoding="utf-8") == "my own words"
    names = {path.name.removesuffix(".txt") for path in report.written}
    assert names == set(builtin_template_names()) - {"check-in.email"}
    default = load_template(["default"], env)
    assert default.origin == str(Path(env[TEMPLATES_ENV]) / "default.txt")

    again = install_default_templates(env)
    assert again.written == ()
    assert len(again.kept) == len(builtin_template_names())


def test_install_into_an_unwritable_place_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OSError):
        install_default_templates({TEMPLATES_ENV: str(blocker / "templates")})


def test_read_error_reason_reaches_the_note(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Running as root can't make a file unreadable, so the OS error is raised by hand here."""
    locked = user_dir(env) / "default.txt"
    locked.write_text("mine", encoding="utf-8")

    real_read_text = Path.read_text

    def refuse(self: Path, *args: Any, **kwargs: Any) -> str:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    loaded = load_template(["default"], env)
    assert loaded.is_builtin and loaded.name == "default"
    assert loaded.notes == (
        f"your template {locked} cannot be read (permission denied): using the built-in one",
    )
