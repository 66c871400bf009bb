"""Shared test settings: a fixed day, no animations, deterministic hypothesis runs."""

import os

from hypothesis import HealthCheck, settings

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
os.environ.setdefault("NURTURE_TZ", "UTC")

# CI replays the same examples every run (no flaky reds); locally hypothesis explores.
settings.register_profile(
    "default",
    max_examples=150,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("default")
