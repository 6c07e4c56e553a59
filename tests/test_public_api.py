"""The package's public surface: what README users import from `ingenium_kg` directly."""

import subprocess
import sys
from pathlib import Path

import ingenium_kg
from ingenium_kg import IngeniumError, Project, build, explain, open_dataset
from kg_helpers import FIXTURE


def test_every_public_name_resolves() -> None:
    for name in ingenium_kg.__all__:
        assert getattr(ingenium_kg, name) is not None, name
    assert issubclass(ingenium_kg.SourceError, IngeniumError)


def test_importing_the_package_loads_nothing_heavy() -> None:
    heavy = "('rdflib', 'pyshacl', 'owlrl', 'pyoxigraph')"
    code = f"import sys, ingenium_kg; print([m for m in sys.modules if m.startswith({heavy})])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_api_in_five_lines(tmp_path: Path) -> None:
    project = Project(FIXTURE)
    result = build(tmp_path / "dist", project=project)
    assert result.valid
    dataset = open_dataset(project, tmp_path / "dist")
    assert dataset.export_bytes("ingenium.nt").startswith(b"<https://w3id.org/ingenium-kg/")
    assert explain(dataset, "id:country/spain").label == "Spain"
