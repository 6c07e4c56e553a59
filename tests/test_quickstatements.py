"""The QuickStatements V1 batch: a new alliance item, then each linked member's P463 on LAST."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingenium_kg.errors import UsageError
from ingenium_kg.stages.sources import Project, parse_graph
from ingenium_kg.wikidata.quickstatements import PRESS_RELEASE, quickstatements
from kg_helpers import REPO, asserted, edit, run_cli
from wikidata_helpers import project_copy

REFERENCE = f'S854\t"{PRESS_RELEASE}"\tS813\t+2026-11-24T00:00:00Z/11'


def test_the_batch_creates_the_alliance_and_adds_each_membership() -> None:
    project = Project(REPO)
    lines = quickstatements(
        asserted(project.root), ontology=parse_graph(project.ontology_file)
    ).splitlines()
    assert lines[:5] == [
        "CREATE",
        'LAST\tLen\t"INGENIUM"',
        'LAST\tLfr\t"INGENIUM"',
        'LAST\tDen\t"European University alliance"',
        'LAST\tDfr\t"alliance d’universités européennes"',
    ]
    members = lines[5:]
    assert len(members) == 9  # Xamk has no item to add the statement to
    assert f"Q494247\tP463\tLAST\t{REFERENCE}" in members
    assert all(line.split("\t")[1:3] == ["P463", "LAST"] for line in members)


def test_the_retrieval_date_and_url_can_be_given() -> None:
    text = quickstatements(
        asserted(), retrieved=date(2026, 7, 9), reference_url="https://example.org/a"
    )
    assert 'S854\t"https://example.org/a"\tS813\t+2026-07-09T00:00:00Z/11' in text


def test_without_any_date_it_asks_for_one(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    edit(
        project.root / "data" / "links" / "wikidata.ttl",
        'dcterms:created "2026-11-24"^^xsd:date ;',
        "",
    )
    with pytest.raises(UsageError, match="--retrieved"):
        quickstatements(asserted(project.root))
    result = run_cli("quickstatements", root=project.root)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[-1].startswith("Error: no retrieval date")


def test_the_cli_output_is_deterministic(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    first = run_cli("quickstatements", root=project.root, seed="1")
    second = run_cli("quickstatements", root=project.root, seed="2")
    assert first.returncode == 0 and first.stdout == second.stdout
