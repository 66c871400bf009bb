"""Output that stays inert and exact: JSON escapes, column widths, short glances, plurals."""

from __future__ import annotations

import json

import pytest

from tests.cli.clirun import Nurture
from tui.render import cell_width, dumps, fit, fit_words, plural

UNSAFE_IN_JSON = (
    "del\x7f c1\x85 csi\x9b2J alm\u061c lrm\u200e rlm\u200f rlo\u202e pdi\u2069 ls\u2028"
)


def test_dumps_escapes_what_a_terminal_acts_on_and_round_trips() -> None:
    text = dumps({"name": UNSAFE_IN_JSON, "esc": "\x1b[31m", "kept": "José 李 👩\u200d👩"})
    assert json.loads(text) == {
        "name": UNSAFE_IN_JSON,
        "esc": "\x1b[31m",
        "kept": "José 李 👩\u200d👩",
    }
    for char in UNSAFE_IN_JSON + "\x1b":
        if not char.isprintable():
            assert char not in text, repr(char)
    assert "\\u009b" in text and "\\u202e" in text
    assert "José 李" in text  # other non-ASCII stays readable


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("Zero\u200bWidth\u200dJoiner", 15),  # Cf
        ("e\u0301", 1),  # Mn
        ("a\u20dd", 1),  # Me
        ("\ufeffBOM", 3),  # Cf
        ("李\u200b", 2),
    ],
)
def test_zero_width_characters_take_no_columns(text: str, width: int) -> None:
    assert cell_width(text) == width
    assert cell_width(fit(text, 20)) == 20


def test_fit_words_shows_the_start_of_a_long_text_on_one_line() -> None:
    assert fit_words("a  short\nnote", 50) == "a short note"
    huge = "word " * 200_000
    glance = fit_words(huge, 100)
    assert len(glance) <= 100 and glance.endswith("…")
    assert fit_words("x" * 100, 100) == "x" * 100
    assert fit_words("x" * 101, 100) == "x" * 99 + "…"


def test_plural() -> None:
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]


def test_show_says_one_day_late_in_the_singular(nt: Nurture) -> None:
    nt("add", "Bruno Costa", "--circle", "acquaintance")
    nt("promise", "Bruno", "send the deck", "--by", "2026-11-25")
    shown = nt("show", "Bruno").stdout
    assert "(1 day late)" in shown and "(1 days late)" not in shown
