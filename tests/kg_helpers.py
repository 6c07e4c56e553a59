"""Helpers shared by the test modules (pytest puts `tests/` on sys.path)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from ingenium_kg.builds import builds_folder
from ingenium_kg.cli import main
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


@dataclass(frozen=True)
class Invoked:
    """What one in-process run of the CLI did."""

    exit_code: int
    stdout_bytes: bytes
    stderr: str
    exception: BaseException | None
    """What escaped the CLI other than its exit (None when it exited, as it always should)."""

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")


def invoke(
    args: Sequence[str], stdin: str | None = None, env: Mapping[str, str] | None = None
) -> Invoked:
    """Run the CLI in this process as the `ingenium-kg` script would, its streams captured and
    `env` set for the run: no process start-up, so hundreds of runs take seconds."""
    streams = sys.stdin, sys.stdout, sys.stderr
    saved = {name: os.environ.get(name) for name in env or {}}
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8")
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8")
    os.environ.update(env or {})
    code, escaped = -1, None
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:
        escaped = exc
    finally:
        for stream in (sys.stdin, sys.stdout, sys.stderr):
            stream.detach()  # flushed, and its buffer left open to be read
        sys.stdin, sys.stdout, sys.stderr = streams
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return Invoked(code, out.getvalue(), err.getvalue().decode("utf-8"), escaped)


def asserted(root: Path = REPO) -> Graph:
    """Facts, links and Wikidata statements of a project as one rdflib graph: what the Wikidata
    jobs read from a build (`BuiltDataset.union`), assembled without building."""
    assembly = assemble(Project(root))
    return rdflib_graph([*assembly.facts, *assembly.links, *assembly.enrichment])
