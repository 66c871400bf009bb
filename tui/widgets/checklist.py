"""The composer's personal-touch checklist: what a draft already does, and what it still lacks."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from core.compose import Check
from tui.render import safe_text
from tui.widgets.rows import LabelledRows

TICKED = "[x]"
UNTICKED = "[ ]"


def check_row(check: Check) -> tuple[Content, Content]:
    """`[x] label`, or `[ ] label` with the hint below it."""
    if check.ok:
        return Content.styled(TICKED, "bold $success"), Content.styled(
            safe_text(check.label), "$text-muted"
        )
    parts: list[str | tuple[str, str]] = [safe_text(check.label)]
    if check.hint:
        parts += ["\n", (safe_text(check.hint), "italic $text-muted")]
    return Content.styled(UNTICKED, "bold $warning"), Content.assemble(*parts)


def checklist_summary(checks: Sequence[Check]) -> Content:
    """The checklist on one line, for a narrow window: `personal 2/4 · still: a question`."""
    done = sum(1 for check in checks if check.ok)
    missing = [check.label for check in checks if not check.ok]
    parts: list[str | tuple[str, str]] = [
        (f"personal {done}/{len(checks)}", "bold $warning" if missing else "bold $success")
    ]
    if missing:
        parts += [(" · still: ", "$text-muted"), safe_text(", ".join(missing))]
    return Content.assemble(*parts)


class Checklist(LabelledRows):
    """Shows a personalization checklist; `show_checks` is cheap enough to call as you type."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(label_width=4, id=id, classes=classes)
        self.checks: tuple[Check, ...] = ()

    def show_checks(self, checks: Sequence[Check]) -> None:
        """Display `checks` (nothing is redrawn when they did not change)."""
        checks = tuple(checks)
        if checks == self.checks:
            return
        self.checks = checks
        self.show([check_row(check) for check in checks])
