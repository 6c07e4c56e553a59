"""The README teaches the tool: its first screen sets a machine up, and it documents everything."""

import re
from pathlib import Path

import pytest

from ingenium_kg.cli import main as cli
from kg_helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
INSTALL_AND_BUILD = (
    "python3 -m venv .venv && .venv/bin/pip install -e '.[dev]' && .venv/bin/ingenium-kg build"
)
TEST_COMMAND = ".venv/bin/python -m pytest -q"


def test_the_first_screen_holds_the_two_set_up_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:30])
    assert INSTALL_AND_BUILD in first_screen
    assert TEST_COMMAND in first_screen


def test_ci_runs_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(TEST_COMMAND)}\b", script, re.MULTILINE)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented_and_has_help(name: str) -> None:
    assert f"ingenium-kg {name}" in README or f"`{name}`" in README
    command = cli.commands[name]
    assert (command.help or "").strip(), f"{name} has no --help text"


@pytest.mark.parametrize("path", sorted((REPO / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_every_saved_query_is_in_the_readme(path: Path) -> None:
    assert f"`{path.stem}`" in README
