"""The package's public surface: what README users import from `ingenium_kg` directly."""

from pathlib import Path

import ingenium_kg
from ingenium_kg import ExportFormat, IngeniumError, Project, build, explain, export, load
from kg_helpers import FIXTURE


def test_every_public_name_resolves() -> None:
    for name in ingenium_kg.__all__:
        assert getattr(ingenium_kg, name) is not None, name
    assert issubclass(ingenium_kg.SourceError, IngeniumError)


def test_the_api_in_five_lines(tmp_path: Path) -> None:
    project = Project(FIXTURE)
    result = build(tmp_path, project=project)
    assert result.conforms
    dataset = load(project)
    assert export(dataset, ExportFormat.NT).startswith(b"<https://w3id.org/ingenium-kg/")
    assert explain(dataset, "id:country/spain").label == "Spain"
