"""The benchmark: a generated tree of about N triples that builds and conforms like the article,
and a report that tells a plain stage that was stopped from one never reached."""

import importlib.util
import sys
from pathlib import Path

import pytest

from ingenium_kg.pipeline import build
from ingenium_kg.stages.sources import Project
from kg_helpers import REPO, run_cli


def _script(name: str):  # bench/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _generator():
    return _script("generate")


@pytest.mark.parametrize("triples", [2900, 9000])
def test_a_generated_tree_builds_conforming_to_about_n_triples(
    tmp_path: Path, triples: int
) -> None:
    root = tmp_path / "tree"
    _generator().generate(triples, root)
    result = build(project=Project(root))
    assert result.valid, result.report.render(__import__("ingenium_kg").ReportFormat.TEXT)
    total = sum(result.counts.values()) + result.open().manifest.counts["excerpts"]
    assert abs(total - triples) <= 0.1 * triples


def test_copies_quote_their_own_text_and_keep_the_saved_queries_answering(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _generator().generate(3 * 2900, root)
    texts = sorted(p.name for p in (root / "data" / "source").glob("*.txt"))
    assert texts == ["article-1.txt", "article-2.txt", "ingenium-article.fr.txt"]
    assert "INGENIUM-2" in (root / "data" / "source" / "article-2.txt").read_text(encoding="utf-8")
    result = run_cli("query", "members", "--format", "csv", root=root)
    assert result.returncode == 0, result.stderr.decode()
    assert len(result.stdout.decode().splitlines()) == 11  # copy 0 is the article


def test_the_generator_refuses_a_size_below_one(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        _generator().main(["--triples", "0", "--out", str(tmp_path / "x")])


def test_a_stopped_side_bounds_its_running_stage_and_skips_the_rest(tmp_path: Path) -> None:
    run = _script("run")
    (tmp_path / ".bench-plain.jsonl").write_text(
        '{"started": "load", "at": 0.5}\n{"stage": "load", "seconds": 2.0}\n'
        '{"started": "quotes", "at": 2.6}\n',
        encoding="utf-8",
    )
    times, _ = run.side("plain", tmp_path, 10.0, reuse=True)
    assert times == {"load": 2.0, "quotes": "> 7 s"}  # stopped at 10 s, 7.4 s into quotes
    assert run.ratio(0.5, times["quotes"], 10.0) == "> 14x"
    assert run.ratio(0.5, run.NOT_REACHED, 10.0) == "–"  # nothing measured: no ratio
    assert run.ratio(0.5, 2.0, 10.0) == "4.0x"
