"""Helpers shared by the test modules (pytest puts `tests/` on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rdflib import Graph

from ingenium_kg.builds import builds_folder
from ingenium_kg.stages.graph import assemble
from ingenium_kg.stages.sources import Project
from ingenium_kg.terms import rdflib_graph

FIXTURE = Path(__file__).parent / "fixtures" / "project"
REPO = Path(__file__).resolve().parents[1]


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact snippet in a file (fails loudly when the snippet is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def left_beside(out: Path) -> list[str]:
    """What lies beside the build `out` and among its builds, but `out` and the build it points
    to: nothing, once no reader holds an older build (paths relative to `out`'s folder)."""
    builds, current = builds_folder(out), out.resolve()
    found = [*out.parent.glob(f".{out.name}*"), *(builds.iterdir() if builds.is_dir() else [])]
    return sorted(str(p.relative_to(out.parent)) for p in found if p not in (builds, current))


def run_cli(
    *args: str, root: Path, cwd: Path | None = None, seed: str = "0"
) -> subprocess.CompletedProcess[bytes]:
    """`python -m ingenium_kg ARGS` in a fresh process with the project root set."""
    env = {**os.environ, "INGENIUM_KG_ROOT": str(root), "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "ingenium_kg", *args],
        cwd=cwd or root,
        env=env,
        capture_output=True,
        check=False,
        timeout=600,
    )


def asserted(root: Path = REPO) -> Graph:
    """Facts, links and Wikidata statements of a project as one rdflib graph: what the Wikidata
    jobs read from a build (`BuiltDataset.union`), assembled without building."""
    assembly = assemble(Project(root))
    return rdflib_graph([*assembly.facts, *assembly.links, *assembly.enrichment])
