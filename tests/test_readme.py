"""The README teaches the tool: its first screen sets a machine up, and it documents everything."""

import re
from pathlib import Path

import pytest

from ingenium_kg.cli import COMMANDS
from ingenium_kg.cli.app import load_commands
from ingenium_kg.cli.parsing import Command
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


@pytest.mark.parametrize("command", load_commands(COMMANDS), ids=lambda c: c.name)
def test_every_command_is_documented_and_has_help(command: Command) -> None:
    assert f"ingenium-kg {command.name}" in README or f"`{command.name}`" in README
    assert command.help, f"{command.name} has no --help text"


@pytest.mark.parametrize("path", sorted((REPO / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_every_saved_query_is_in_the_readme(path: Path) -> None:
    assert f"`{path.stem}`" in README


def _session() -> list[tuple[str, list[str]]]:
    """The commands of the README's sample session (the console block after `<!-- session -->`)
    with the output each shows."""
    block = README.split("<!-- session -->", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; `…` alone stands for any lines, `…` inside a line for any text."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "…":
        return any(_matches(rest, actual[i:]) for i in range(len(actual) + 1))
    pattern = ".*".join(re.escape(part) for part in head.split("…"))
    return (
        bool(actual) and re.fullmatch(pattern, actual[0]) is not None and _matches(rest, actual[1:])
    )


def test_the_sample_session_is_what_the_commands_print(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    root = tmp_path / "project"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(REPO / name, root / name)
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root), "LC_ALL": "C.UTF-8"}
    for command, shown in _session():
        shell = command.replace("ingenium-kg", f"{sys.executable} -m ingenium_kg")
        result = subprocess.run(
            ["bash", "-c", f"{shell} 2>&1"], cwd=root, env=env, capture_output=True, check=False
        )
        printed = result.stdout.decode().splitlines()
        assert _matches(shown, printed), f"$ {command}\n" + "\n".join(printed)
