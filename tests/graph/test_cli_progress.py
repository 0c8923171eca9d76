"""graph.cli.progress: the progress line, its interval and the duration format."""

from __future__ import annotations

import re

import pytest

from graph.cli.progress import ProgressDisplay, format_seconds, progress_interval


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0.04, "0.0 s"), (9.94, "9.9 s"), (42.4, "42 s"), (185, "3 min 05 s"), (7_800, "2 h 10 min")],
)
def test_durations_read_short(seconds: float, shown: str) -> None:
    assert format_seconds(seconds) == shown


def test_the_interval_comes_from_the_environment_and_stays_sane() -> None:
    assert progress_interval({}) == 10.0
    assert progress_interval({"POLGRAPH_PROGRESS_INTERVAL": "0.5"}) == 0.5
    for bad in ("0", "-3", "nan", "inf", "soon"):
        assert progress_interval({"POLGRAPH_PROGRESS_INTERVAL": bad}) == 10.0


def test_a_line_says_how_far_what_failed_and_what_is_left() -> None:
    display = ProgressDisplay("load", 400, loading=True)
    display.read(100)
    display.committed(80)
    display.failed(10)
    display.skipped(2)
    line = display.line()
    assert line.startswith("load: 102 of 400 articles read (26%), 80 committed, 10 failed, ")
    assert "2 skipped" in line and re.search(r"about .+ left$", line)
    unknown = ProgressDisplay("extract", None)
    unknown.read()
    assert unknown.line().startswith("extract: 1 articles done, ")
    assert "left" not in unknown.line()
