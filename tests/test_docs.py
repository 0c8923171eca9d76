"""The README cannot drift from the code: its module map lists every module and package of
ingest/ and graph/ (and nothing that is gone), and every `polgraph` command is documented
there and answers `--help`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from graph.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGES = ("ingest", "graph")


def module_map() -> list[str]:
    """The paths the README's "Where the code lives" block names, nesting by indentation
    (two spaces a level): `graph/`, then `  store/`, then `    rows.py` → graph/store/rows.py."""
    section = README.split("### Where the code lives", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.S)
    assert block, "no ```text block under 'Where the code lives'"
    paths: list[str] = []
    stack: list[str] = []
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        entry = line.split()[0]
        stack = [*stack[:depth], entry]
        paths.append("".join(stack))
    return paths


def code_paths() -> Iterator[str]:
    """Every module (a .py file other than __init__.py) and package under ingest/ and graph/,
    as `graph/store/rows.py` and `graph/store/`."""
    for package in PACKAGES:
        for init in sorted((ROOT / package).rglob("__init__.py")):
            if "__pycache__" not in init.parts:
                yield init.parent.relative_to(ROOT).as_posix() + "/"
        for module in sorted((ROOT / package).rglob("*.py")):
            if module.name != "__init__.py" and "__pycache__" not in module.parts:
                yield module.relative_to(ROOT).as_posix()


def test_the_module_map_lists_every_module_and_package() -> None:
    listed = set(module_map())
    missing = [path for path in code_paths() if path not in listed]
    assert not missing, f"README 'Where the code lives' lacks {missing}"


def test_everything_the_module_map_lists_exists() -> None:
    gone = [path for path in module_map() if not (ROOT / path).exists()]
    assert not gone, f"README 'Where the code lives' names what is not there: {gone}"


def commands(group: TyperGroup, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command, sub-commands included (`("neo4j", "start")`)."""
    for name, command in sorted(group.commands.items()):
        if isinstance(command, TyperGroup):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


ALL_COMMANDS = list(commands(typer.main.get_group(app)))


def test_the_cli_has_the_commands_the_readme_tours() -> None:
    assert {"extract", "run", "load", "query", "viz", "export"} <= {c[0] for c in ALL_COMMANDS}
    assert ("neo4j", "start") in ALL_COMMANDS


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=" ".join)
def test_every_command_is_in_the_readme_and_has_help(command: tuple[str, ...]) -> None:
    spelled = "polgraph " + " ".join(command)
    assert spelled in README or _in_alternatives(command), f"README never shows `{spelled}`"
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    found: Any = typer.main.get_group(app)
    for name in command:
        found = found.commands[name]
    summary = (found.help or "").split("\n")[0].strip()
    assert summary and summary in " ".join(result.output.split())


def _in_alternatives(command: tuple[str, ...]) -> bool:
    """`polgraph neo4j start|stop|status` documents each of the three."""
    *parent, last = command
    pattern = re.escape("polgraph " + " ".join(parent)) + r" [\w|]*\b" + re.escape(last) + r"\b"
    return re.search(pattern, README) is not None
