"""Where the project's input files live, and how they are read: every failure names the file.

The layout (`ontology/`, `data/article/*.trig`, optional `data/links/*.ttl` and
`data/enrichment/*.trig`) is fixed by docs/model.md; `Project` derives every path from one root so
tests can point the whole pipeline at a fixture project.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph

from ..errors import SourceError, UsageError
from ..namespaces import ID

ROOT_ENV = "INGENIUM_KG_ROOT"

# Extensions the loaders accept, with the rdflib parser for each. TriG also reads Turtle.
RDF_FORMATS: dict[str, str] = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads"}


def default_root() -> Path:
    """The project root: $INGENIUM_KG_ROOT if set, else the repository this package lives in."""
    env = os.environ.get(ROOT_ENV)
    return Path(env) if env else Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Project:
    """A project directory; every input and the default output directory derive from `root`."""

    root: Path = field(default_factory=default_root)

    @property
    def ontology_file(self) -> Path:
        return self.root / "ontology" / "ingenium.ttl"

    @property
    def shapes_file(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def article_files(self) -> tuple[Path, ...]:
        return _sorted_files(self.root / "data" / "article", "*.trig")

    @property
    def links_files(self) -> tuple[Path, ...]:
        return _sorted_files(self.root / "data" / "links", "*.ttl")

    @property
    def enrichment_files(self) -> tuple[Path, ...]:
        return _sorted_files(self.root / "data" / "enrichment", "*.trig")

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    def input_files(self) -> tuple[Path, ...]:
        """Every file a build reads (ontology/ and data/, recursively), for the build manifest."""
        found = [
            p
            for top in ("ontology", "data")
            for p in (self.root / top).rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.parts)
        ]
        return tuple(sorted(found))

    def relative(self, path: Path) -> str:
        """`path` relative to the root when inside it (for messages and the manifest)."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def _sorted_files(folder: Path, pattern: str) -> tuple[Path, ...]:
    return tuple(sorted(folder.glob(pattern))) if folder.is_dir() else ()


def read_text(path: Path) -> str:
    """The file's text exactly as stored (UTF-8, no newline translation), for offset checks.

    :raises SourceError: when the file is missing or not UTF-8.
    """
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            return stream.read()
    except FileNotFoundError:
        raise SourceError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None


def rdf_format(path: Path) -> str:
    """The rdflib parser name for a file, chosen by extension only (no content sniffing).

    :raises UsageError: for an extension we do not read.
    """
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(RDF_FORMATS)
        raise UsageError(f"{path}: unknown RDF file extension (expected one of {known})") from None


def parse_dataset(path: Path, fmt: str | None = None) -> Dataset:
    """Parse a Turtle/TriG/N-Triples/N-Quads file into its own dataset (no default union).

    Relative IRIs resolve against the data namespace, as `@base` does in our files.

    :raises SourceError: `path:line: message` when the file is missing or does not parse.
    """
    fmt = fmt or rdf_format(path)
    text = read_text(path)
    dataset = Dataset(default_union=False)
    try:
        dataset.parse(data=text, format=fmt, publicID=str(ID))
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise SourceError(_parse_message(path, exc)) from None
    return dataset


def parse_graph(path: Path, fmt: str | None = None) -> Graph:
    """Parse one file into a single graph (all of its graphs merged), e.g. ontology or shapes.

    :raises SourceError: `path:line: message` when the file is missing or does not parse.
    """
    graph = Graph(identifier=BNode(), bind_namespaces="none")
    for s, p, o, _ in parse_dataset(path, fmt).quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


_LINE = re.compile(r"at line (\d+)")
_WHY = re.compile(r"Bad syntax \((.*?)\) at \^")


def _parse_message(path: Path, exc: Exception) -> str:
    """Turn rdflib's multi-line syntax error into `path:line: reason`."""
    text = str(exc)
    line = _LINE.search(text)
    why = _WHY.search(text)
    reason = why.group(1) if why else (text.splitlines()[0] if text else type(exc).__name__)
    where = f"{path}:{line.group(1)}" if line else str(path)
    return f"{where}: {reason}"
