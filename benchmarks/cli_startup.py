"""Start-up time of the `polgraph` command: help, a usage error and the query list.

    python benchmarks/cli_startup.py [--runs 15]

Prints the median wall time of each command in a fresh process over `--runs` runs, against
`python -c pass` timed in the same run (the baseline: what any Python program pays before
its first import; the difference is what polgraph adds) and `import typer` (the floor of
any Typer command line). Target: under 0.5 s each on a quiet machine. Commands run as
`python -c "from graph.cli import main; main()"` with this checkout first on PYTHONPATH,
so the figures are this tree's, whatever is installed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENTRY = "from graph.cli import main; main()"

BASELINES = {"python -c pass": "pass", "python -c 'import typer'": "import typer"}
# label → argv after `polgraph` (None: a baseline, from BASELINES)
COMMANDS: dict[str, list[str] | None] = {
    **dict.fromkeys(BASELINES),
    "polgraph --help": ["--help"],
    "polgraph extract /nonexistent": ["extract", "/nonexistent"],
    "polgraph query --list": ["query", "--list"],
}


def wall_seconds(label: str, argv: list[str] | None) -> float:
    """Wall time of one fresh process, from spawn to exit."""
    command = [sys.executable, "-c", BASELINES[label] if argv is None else ENTRY, *(argv or [])]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (median kept)")
    args = parser.parse_args()
    # Interleaved, so a burst of load elsewhere on the machine hits every command alike.
    samples: dict[str, list[float]] = {label: [] for label in COMMANDS}
    for _ in range(args.runs):
        for label, argv in COMMANDS.items():
            samples[label].append(wall_seconds(label, argv))
    medians = {label: statistics.median(times) for label, times in samples.items()}
    baseline = medians["python -c pass"]
    print(f"median wall time over {args.runs} runs (fresh process each)")
    for label, seconds in medians.items():
        added = seconds - baseline
        print(f"  {label:32} {seconds:6.3f} s   +{added:5.3f} s over the baseline")
    slowest = max(seconds for label, seconds in medians.items() if label not in BASELINES)
    verdict = "met" if slowest < 0.5 else "NOT met"
    print(f"target < 0.5 s per command: {verdict} (slowest {slowest:.3f} s)")


if __name__ == "__main__":
    main()
