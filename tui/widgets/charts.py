"""Tiny text charts in block glyphs, for the stats screen, the contact page and the CLI.

Pure functions returning strings (no Textual here: the command line imports them too). Zero
is a blank, so a quiet week or month shows as a gap; the smallest non-zero value still gets
the lowest block.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"
FULL = BARS[-1]


def _eighths(value: float, top: float, height: int) -> int:
    """How many eighths of a cell, in a column `height` cells tall, `value` fills."""
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(8 * height, math.ceil(value / top * 8 * height)))


def spark(values: Sequence[float], *, top: float | None = None) -> str:
    """One glyph per value, scaled so `top` (default: the largest value) is a full block."""
    ceiling = max(values, default=0) if top is None else top
    glyphs = []
    for value in values:
        eighths = _eighths(value, ceiling, 1)
        glyphs.append(BARS[eighths - 1] if eighths else " ")
    return "".join(glyphs)


def bar_rows(values: Sequence[float], *, height: int, top: float | None = None) -> list[str]:
    """A bar chart `height` rows tall, top row first, one column per value."""
    ceiling = max(values, default=0) if top is None else top
    filled = [_eighths(value, ceiling, height) for value in values]
    rows = []
    for row in range(height - 1, -1, -1):
        cells = []
        for eighths in filled:
            in_row = eighths - 8 * row
            cells.append(FULL if in_row >= 8 else BARS[in_row - 1] if in_row > 0 else " ")
        rows.append("".join(cells))
    return rows


def meter(share: float | None, width: int) -> str:
    """A share from 0 to 1 as a bar of full and light blocks, `width` wide."""
    if share is None:
        return " " * width
    full = round(max(0.0, min(1.0, share)) * width)
    return FULL * full + "░" * (width - full)


def percent(share: float | None) -> str:
    """`87%`, or `—` when there is nothing to divide."""
    return "—" if share is None else f"{round(share * 100)}%"
