"""Time to first agenda row and keystroke-to-repaint, against a bare Textual app, in one run.

Uses ../shared/tools/ttfp.py (tmux) and its floor, floor/textual_hello.py. The two programs
are interleaved round by round in the same tmux server, so the ratios hold on a noisy
machine; milliseconds from different runs are not comparable.

    .venv/bin/python tests/bench/bench_ttfp.py --db .bench-cache/demo-10000x200000.db --rounds 7
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT.parent / "shared" / "tools"
FLOOR_SENTINEL = r"(?s)Hello, nurture! 0.*Quit"
# The first agenda row (a "late"/"today"/"ago"/"in Nd" cell), then the footer's last key.
APP_SENTINEL = r"(?s)nurture · .*(late|today|ago|in \d+d).*\? Help"


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "max": ordered[-1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="a demo database to open")
    parser.add_argument("--today", default="2026-11-26")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--key-runs", type=int, default=20)
    parser.add_argument("--size", default="80x24")
    args = parser.parse_args()
    # A pip install compiles bytecode; an editable checkout under PYTHONDONTWRITEBYTECODE
    # would recompile every module on every start. Measure the installed case.
    import compileall

    for package in ("core", "data", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    sys.path.insert(0, str(TOOLS))
    import ttfp  # noqa: PLC0415 - lives beside the checkout, not installed

    width, height = (int(part) for part in args.size.split("x"))
    python = sys.executable
    floor = [python, str(TOOLS / "floor" / "textual_hello.py")]
    app = [str(Path(python).with_name("nurture-tui")), "--db", str(args.db), "--today", args.today]
    server = ttfp.TmuxServer(width=width, height=height)
    samples: dict[str, dict[str, list[float]]] = {
        name: {"first_paint": [], "key": [], "first_key": [], "rss": []}
        for name in ("floor", "app")
    }
    try:
        for round_number in range(args.rounds + 1):
            for name, argv, sentinel in (
                ("floor", floor, FLOOR_SENTINEL),
                ("app", app, APP_SENTINEL),
            ):
                result = ttfp.measure(
                    argv,
                    sentinel,
                    runs=1,
                    warmup=0,
                    server=server,
                    keys=["j"],
                    key_runs=args.key_runs,
                )
                run = result["runs"][0]
                if not run["ok"]:
                    print(f"{name} failed: {run['error']}\n{run['screen']}", file=sys.stderr)
                    return 1
                if round_number == 0:
                    continue  # warm-up round: caches, bytecode
                bucket = samples[name]
                bucket["first_paint"].append(run["first_paint_ms"])
                bucket["key"].extend(run["key_ms"])
                bucket["first_key"].append(run["key_ms"][0])
                bucket["rss"].append(run["peak_rss_kib"] / 1024)
    finally:
        server.close()
    print(
        f"# time to first paint at {args.size}, {args.rounds} interleaved rounds, {args.db.name}\n"
    )
    print("| measure | floor (bare Textual) | nurture-tui | ratio | ratio range, by round |")
    print("|---|---|---|---|---|")
    for key, label in (
        ("first_paint", "first paint, median ms"),
        ("first_key", "first keypress, median ms"),
        ("rss", "peak memory, median MiB"),
    ):
        floor_value = _summary(samples["floor"][key])["median"]
        app_value = _summary(samples["app"][key])["median"]
        # Each round runs both programs back to back: its own ratio shows the noise.
        pairs = zip(samples["app"][key], samples["floor"][key], strict=True)
        by_round = sorted(app / floor for app, floor in pairs)
        print(
            f"| {label} | {floor_value:.1f} | {app_value:.1f} | {app_value / floor_value:.2f}x "
            f"| {by_round[0]:.2f}x to {by_round[-1]:.2f}x |"
        )
    floor_key = _summary(samples["floor"]["key"])
    app_key = _summary(samples["app"]["key"])
    print(
        f"| `j` key-to-repaint, p95 ms | {floor_key['p95']:.1f} | {app_key['p95']:.1f} "
        f"| {app_key['p95'] / floor_key['p95']:.2f}x | max {app_key['max']:.1f} ms |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
