"""Shared fixtures: a private copy of the fixture project per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingenium_kg.build.sources import Project
from kg_helpers import FIXTURE


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A private copy of the fixture project, safe to modify."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return Project(root)
