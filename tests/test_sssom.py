"""The SSSOM export of the links: header, rows, determinism."""

from __future__ import annotations

import csv
import io

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.stages.sources import Project
from ingenium_kg.wikidata.sssom import COLUMNS, sssom_tsv
from kg_helpers import REPO, asserted


def test_sssom_has_its_yaml_header_and_one_row_per_link() -> None:
    text = sssom_tsv(asserted())
    header = [line[2:] for line in text.splitlines() if line.startswith("# ")]
    assert "curie_map:" in header
    assert "  wd: http://www.wikidata.org/entity/" in header
    assert "mapping_set_id: https://w3id.org/ingenium-kg/id/graph/links" in header
    assert "license: https://creativecommons.org/licenses/by/4.0/" in header
    assert "mapping_date: 2026-11-24" in header
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body), delimiter="\t"))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 30
    rouen = next(r for r in rows if r["subject_id"] == "id:university/rouen-normandie")
    assert rouen == {
        "subject_id": "id:university/rouen-normandie",
        "subject_label": "University of Rouen Normandy",
        "predicate_id": "skos:exactMatch",
        "object_id": "wd:Q494247",
        "object_label": "",
        "mapping_justification": "semapv:ManualMappingCuration",
        "confidence": "1.0",
        "mapping_tool": "ingenium-kg",
        "mapping_date": "2026-11-24",
    }
    assert [r["subject_id"] for r in rows] == sorted(r["subject_id"] for r in rows)


def test_sssom_is_deterministic() -> None:
    project = Project(REPO)
    assert sssom_tsv(asserted(project.root)) == sssom_tsv(asserted(project.root))


def test_the_builds_mapping_set_is_the_one_of_the_whole_dataset(built: BuiltDataset) -> None:
    """The build converts only what the mapping set reads: the result must not differ."""
    written = (built.folder / "ingenium.sssom.tsv").read_text(encoding="utf-8")
    assert written == sssom_tsv(asserted()) == sssom_tsv(built.union())
