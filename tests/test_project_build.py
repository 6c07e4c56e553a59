"""The real project (this repository's ontology/ and data/): it must build, and reproducibly."""

import os
import subprocess
import sys
from pathlib import Path

from ingenium_kg.stages.export import ExportFormat, export_name
from kg_helpers import REPO


def _build(out: Path, seed: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "INGENIUM_KG_ROOT"}
    env["PYTHONHASHSEED"] = seed
    return subprocess.Popen(
        [sys.executable, "-m", "ingenium_kg", "build", "--out", str(out)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_the_real_project_builds_every_export_reproducibly(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    runs = [_build(first, "1"), _build(second, "2")]
    for run in runs:
        out, err = run.communicate(timeout=900)
        assert run.returncode == 0, out.decode() + err.decode()
    for inferred in (False, True):
        for fmt in ExportFormat:
            path = first / export_name(fmt, inferred=inferred)
            assert path.stat().st_size > 0, path.name
    sssom = (first / "ingenium.sssom.tsv").read_text(encoding="utf-8")
    assert sssom.startswith("#") and "\nsubject_id\t" in sssom
    names = sorted(p.name for p in first.iterdir() if p.is_file())
    assert names == sorted(p.name for p in second.iterdir() if p.is_file())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
