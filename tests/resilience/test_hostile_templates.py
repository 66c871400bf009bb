"""Hostile templates: only plain known placeholders are filled; nothing else is ever evaluated.

`tests/core/test_compose.py` covers each refused form one by one. Here: whole hostile files
(100 KB of them), proof that a refused field is never run (a format spec that would allocate
a gigabyte, attribute chains into Python's internals), hostile text in the values, and the
composer showing a hostile template file's problems in words while the app keeps running.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from core.compose import PLACEHOLDERS, DraftContext, fill_template
from core.models import Circle, Contact
from data.store import Store
from data.templates import TEMPLATES_ENV, load_template
from tests.resilience.test_hostile_data import NOW, OSC52, TODAY
from tui.app import NurtureApp
from tui.screens.composer import ComposerScreen
from tui.widgets.rows import LabelledRows

ANA = DraftContext(name="Ana", full_name="Ana Lima", days_since=18, last_topic="the marathon")
REFUSED = "is not a placeholder: only plain names like {name} are filled"
# Each would do something if a template were run through str.format (or eval).
HOSTILE_FIELDS = (
    "{contact.__class__}",
    "{name.__class__.__mro__[1].__subclasses__}",
    "{name.__init__.__globals__[os]}",
    "{x[0]}",
    "{name[0]}",
    "{name:>10}",
    "{name:>999999999}",  # run, it would build a gigabyte
    "{days_since:,}",
    "{name!r}",
    "{name!a:^9}",
    "{0}",
    "{}",
    "{ name }",
    "{a{name}}",
    "{{name}",
    "{__import__('os').system('touch /tmp/pwned')}",
)


def test_each_hostile_field_is_shown_back_with_a_problem_never_evaluated() -> None:
    for field in HOSTILE_FIELDS:
        started = time.perf_counter()
        filled = fill_template(f"Hi {{name}}, {field} bye", ANA)
        assert time.perf_counter() - started < 1.0, field  # nothing was built or run
        assert "Ana" in filled.text, field
        assert len(filled.text) < 100, field
        if field.startswith("{{"):
            assert filled.text == "Hi Ana, {name} bye"  # an escaped brace, then a field
            continue
        assert filled.text == f"Hi Ana, {field} bye", field
        assert filled.problems, field
        assert all(REFUSED in problem or "never closed" in problem for problem in filled.problems)


def test_a_100kb_hostile_template_fills_only_plain_names() -> None:
    line = "Hi {name} " + " ".join(HOSTILE_FIELDS) + " {nmae} {{literal}} {last_topic}\n"
    template = (line * (100_000 // len(line) + 1))[:100_000]
    started = time.perf_counter()
    filled = fill_template(template, ANA)
    assert time.perf_counter() - started < 5.0
    whole_lines = template.count("\n")
    assert filled.text.count("Hi Ana ") == whole_lines + (not template.endswith("\n"))
    assert filled.text.count("the marathon") == whole_lines
    for field in HOSTILE_FIELDS:
        if not field.startswith("{{"):
            assert filled.text.count(field) >= whole_lines, field
    assert "{literal}" in filled.text
    # Each distinct problem is said once, however often it repeats.
    assert len(filled.problems) == len(set(filled.problems)) <= len(HOSTILE_FIELDS) + 3
    assert filled.unknown == ("nmae",)
    assert any("did you mean {name}?" in problem for problem in filled.problems)


def test_a_100kb_line_of_braces_is_refused_in_bounded_time() -> None:
    for template in ("{" * 100_000, "{name" * 20_000, "}{" * 50_000, "{{{" * 33_333 + "name}"):
        started = time.perf_counter()
        filled = fill_template(template, ANA)
        assert time.perf_counter() - started < 5.0
        assert len(filled.problems) <= 3
        assert "Ana" not in filled.text or template.endswith("name}")


@pytest.mark.parametrize(
    "value",
    [
        "[bold red]Eve[/]",
        "[@click=app.quit]x[/]",
        f"Clip {OSC52} Board",
        "{full_name}{0}{contact.__class__}",
        "\u202eexe.txt",
        "👩\u200d👩\u200d👧\u200d👦",
    ],
)
def test_a_hostile_value_lands_verbatim_once(value: str) -> None:
    context = DraftContext(name=value, last_topic=value, question=value)
    filled = fill_template("Hi {name}: {last_topic} / {question} / {full_name}", context)
    assert filled.text == f"Hi {value}: {value} / {value} / {{full_name}}"
    assert filled.problems == ()  # a value is never scanned for fields


def test_every_placeholder_name_is_plain() -> None:
    """The only names ever filled: identifiers, no dunders, nothing reaching into objects."""
    for name in PLACEHOLDERS:
        assert name.isidentifier() and not name.startswith("_"), name


# --- template files ------------------------------------------------------------------------


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    monkeypatch.setenv(TEMPLATES_ENV, str(folder))
    return folder


HOSTILE_FILE = (
    "Subject: {name.__class__} and {subject:>50}\n\n"
    "Hi {name}, {contact.__class__} {x[0]} {name:>10} {name!r}\n"
    "{__import__('os').system('touch /tmp/pwned')}\n"
    "[bold red]markup[/] {nmae}\n"
)


def test_a_100kb_user_template_file_loads_and_fills_safely(templates: Path) -> None:
    (templates / "check-in.txt").write_text(HOSTILE_FILE * (100_000 // len(HOSTILE_FILE) + 1))
    loaded = load_template(("check-in",), {TEMPLATES_ENV: str(templates)})
    assert loaded.origin == str(templates / "check-in.txt")
    assert len(loaded.text) > 100_000
    filled = fill_template(loaded.text, ANA)
    assert "Hi Ana, {contact.__class__} {x[0]} {name:>10} {name!r}" in filled.text
    assert not Path("/tmp/pwned").exists()
    assert len(filled.problems) <= 8


def _network(db: Path) -> int:
    with Store.open(db) as store:
        (ana,) = store.add_contacts(
            [Contact(id=0, display_name="Ana Lima", given_name="Ana", circle=Circle.INNER)],
            today=TODAY,
            daily_budget=5,
        )
    return ana.id


@pytest.fixture
def app_and_id(tmp_path: Path, templates: Path) -> Iterator[tuple[NurtureApp, int]]:
    db = tmp_path / "nurture.db"
    contact_id = _network(db)
    for name in ("check-in.email", "check-in", "default.email", "default"):
        (templates / f"{name}.txt").write_text(HOSTILE_FILE)
    store = Store.open(db)
    yield NurtureApp(store, today=TODAY, now=lambda: NOW), contact_id
    store.close()


async def test_the_composer_shows_a_hostile_template_back_with_its_problems(
    app_and_id: tuple[NurtureApp, int],
) -> None:
    app, contact_id = app_and_id
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(ComposerScreen(contact_id))
        await pilot.pause(0.3)
        assert isinstance(app.screen, ComposerScreen)
        body = app.screen.query_one("#composer-text", TextArea).text
        assert body.startswith("Hi Ana, {contact.__class__} {x[0]} {name:>10} {name!r}\n")
        assert "{__import__('os').system('touch /tmp/pwned')}" in body
        assert "[bold red]markup[/] {nmae}" in body  # markup stays text in the editor
        warnings = app.screen.query_one("#composer-warnings", LabelledRows).plain
        for field in ("{contact.__class__}", "{x[0]}", "{name:>10}", "{name!r}"):
            assert f"`{field}` {REFUSED}" in warnings, warnings
        assert "`{nmae}` is not a known placeholder (did you mean {name}?)" in warnings
        assert not Path("/tmp/pwned").exists()
        assert app.is_running and app.return_code is None
