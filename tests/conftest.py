"""Shared fixtures: a private copy of the fixture project per test; builds made once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingenium_kg.dataset import BuiltDataset
from ingenium_kg.pipeline import build
from ingenium_kg.stages.sources import Project
from kg_helpers import FIXTURE, REPO


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A private copy of the fixture project, safe to modify."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return Project(root)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltDataset:
    """The real project (this repository), built once for the whole session, read-only."""
    return build(tmp_path_factory.mktemp("built") / "dist", project=Project(REPO)).open()


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> BuiltDataset:
    """The small fixture project, built once for the whole session, read-only."""
    return build(tmp_path_factory.mktemp("fixture") / "dist", project=Project(FIXTURE)).open()
