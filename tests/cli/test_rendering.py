"""The small pure helpers behind the text output and the argument parsing."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import Date

from core.models import Circle
from tui.cli_input import parse_choice, parse_day, parse_timezone
from tui.render import cell_width, clock_time, fit, local_time, safe_text

TODAY = Date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Ana Lima", "Ana Lima"),
        ("[bold red]Eve[/]", "[bold red]Eve[/]"),
        ("\x1b[31mred", "^[[31mred"),
        ("bell\x07", "bell^G"),
        ("tab\tand\nnewline", "tab and newline"),
        ("del\x7f", "del^?"),
        ("csi\u009b2J", "csi\ufffd2J"),
        ("bidi\u202etxt", "bidi\ufffdtxt"),
        ("José Müller 李", "José Müller 李"),
    ],
)
def test_safe_text_makes_control_characters_visible_and_inert(raw: str, shown: str) -> None:
    assert safe_text(raw) == shown


def test_safe_text_can_keep_newlines() -> None:
    assert safe_text("a\nb\x1b", keep_newlines=True) == "a\nb^["


@pytest.mark.parametrize("text", ["short", "a much longer piece of text", "李小龍李小龍李小龍"])
def test_fit_pads_or_cuts_to_exact_columns(text: str) -> None:
    assert cell_width(fit(text, 10)) == 10


_UNSAFE = {*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0)), "\u202e", "\u2066"}


@given(st.text())
def test_safe_text_leaves_nothing_unsafe_and_printable_text_as_it_is(text: str) -> None:
    shown = safe_text(text)
    assert not _UNSAFE & set(shown)
    if text.isprintable():
        assert shown == text


@given(st.text(), st.text())
def test_cell_width_adds_up_whatever_the_mix_of_ascii_and_not(left: str, right: str) -> None:
    assert cell_width(left + right) == cell_width(left) + cell_width(right)


@pytest.mark.parametrize(("text", "width"), [("abc", 3), ("Zoë", 3), ("李小", 4), ("e\u0301", 1)])
def test_cell_width_counts_columns(text: str, width: int) -> None:
    assert cell_width(text) == width


@pytest.mark.parametrize("hour", [0, 9, 13, 23])
@pytest.mark.parametrize("day", range(23, 30))  # Monday 23 to Sunday 29 November 2026
def test_clocks_read_as_pendulum_formats_them(hour: int, day: int) -> None:
    now = pendulum.datetime(2026, 11, day, hour, 7, tz="UTC")
    there = now.in_timezone("America/Sao_Paulo")
    assert clock_time(now) == now.format("HH:mm")
    assert local_time("America/Sao_Paulo", now) == f"{there.format('HH:mm ddd')} in Sao Paulo"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", Date(2026, 12, 3)),
        ("today", TODAY),
        ("Tomorrow", Date(2026, 11, 27)),
        ("yesterday", Date(2026, 11, 25)),
        ("friday", Date(2026, 11, 27)),
        ("thu", Date(2026, 12, 3)),  # the next Thursday, not today
        ("+3d", Date(2026, 11, 29)),
        ("+2w", Date(2026, 12, 10)),
        ("-1m", Date(2026, 10, 26)),
    ],
)
def test_parse_day_reads_how_people_write_days(text: str, expected: Date) -> None:
    assert parse_day(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "26/11/2026", "someday", "", "2026-1-1"])
def test_parse_day_rejects_with_a_readable_message(text: str) -> None:
    with pytest.raises(ValueError, match="bad date"):
        parse_day(text, today=TODAY)


def test_time_zones_are_checked_against_the_zone_database() -> None:
    assert parse_timezone("Europe/Lisbon") == "Europe/Lisbon"
    for bad in ("Mars/Base", "../../etc/passwd", "", "Europe/"):
        with pytest.raises(ValueError, match="time zone"):
            parse_timezone(bad)


def test_choices_accept_a_unique_prefix() -> None:
    assert parse_choice(Circle, "acq", what="circle") is Circle.ACQUAINTANCE
    with pytest.raises(ValueError, match="inner, close"):
        parse_choice(Circle, "besties", what="circle")
