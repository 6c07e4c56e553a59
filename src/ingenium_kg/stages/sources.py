"""Where the project's input files live, and how they are read: every failure names the file.

The layout (`ontology/`, `data/article/*.trig`, optional `data/links/*.ttl` and
`data/enrichment/*.trig`) is fixed by docs/model.md; `Project` derives every path from one root so
tests can point the whole pipeline at a fixture project.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import SourceError, UsageError
from ..namespaces import DATA_NS

TYPE_CHECKING = False
if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset, Graph

ROOT_ENV = "INGENIUM_KG_ROOT"

# Extensions the loaders accept, with the pyoxigraph format for each (chosen by extension only).
RDF_FORMATS: dict[str, str] = {
    ".ttl": "TURTLE",
    ".trig": "TRIG",
    ".nt": "N_TRIPLES",
    ".nq": "N_QUADS",
}


def default_root() -> Path:
    """The project root: $INGENIUM_KG_ROOT if set, else the repository this package lives in.

    :raises SourceError: $INGENIUM_KG_ROOT names a folder without ontology/ (not a project).
    """
    env = os.environ.get(ROOT_ENV)
    if not env:
        return Path(__file__).resolve().parents[3]
    root = Path(env)
    if not (root / "ontology").is_dir():
        raise SourceError(f"${ROOT_ENV}={env} is not an ingenium-kg project (no ontology/ folder)")
    return root


class Project:
    """A project directory; every input and the default output directory derive from `root`.

    Not a dataclass: every reader loads this module, and `dataclasses` costs a cold query a
    tenth of its time.
    """

    __slots__ = ("root",)

    def __init__(self, root: Path | None = None) -> None:
        self.root = default_root() if root is None else root

    def __repr__(self) -> str:
        return f"Project({self.root!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Project) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

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

    def input_files(self) -> dict[str, Path]:
        """Every file a build reads (ontology/ and data/, recursively, hidden ones left out), by
        its path relative to the root: the build manifest's names."""
        found = files_under(self.root, ("ontology", "data"), skip=lambda name: name[:1] == ".")
        return {name: Path(entry.path) for name, entry in found.items()}

    def relative(self, path: Path) -> str:
        """`path` relative to the root when inside it (for messages and the manifest), named as
        given: a last symlink is not followed (`dist` stays `dist`, not its current build)."""
        try:
            return (path.parent.resolve() / path.name).relative_to(self.root.resolve()).as_posix()
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


def rdf_format(path: Path) -> ox.RdfFormat:
    """The parser for a file, chosen by extension only (no content sniffing).

    :raises UsageError: for an extension we do not read.
    """
    import pyoxigraph as ox

    try:
        return getattr(ox.RdfFormat, RDF_FORMATS[path.suffix.lower()])  # type: ignore[no-any-return]
    except KeyError:
        known = ", ".join(RDF_FORMATS)
        raise UsageError(f"{path}: unknown RDF file extension (expected one of {known})") from None


def parse_quads(path: Path) -> list[ox.Quad]:
    """Every quad of a Turtle/TriG/N-Triples/N-Quads file, in file order.

    Relative IRIs resolve against the data namespace, as `@base` does in our files. Literals keep
    the lexical form they were written with.

    :raises SourceError: `path:line: message` when the file is missing or does not parse.
    """
    import pyoxigraph as ox

    fmt = rdf_format(path)
    data = read_text(path).encode("utf-8")
    try:
        return list(ox.parse(data, format=fmt, base_iri=DATA_NS))
    except SyntaxError as exc:
        line = f":{exc.lineno}" if exc.lineno else ""
        reason = exc.msg.split(": ", 1)[-1] if exc.msg else "syntax error"
        raise SourceError(f"{path}{line}: {reason}") from None


def parse_dataset(path: Path) -> Dataset:
    """A file's quads as an rdflib dataset (for callers that want rdflib objects).

    :raises SourceError: `path:line: message` when the file is missing or does not parse.
    """
    from rdflib import Dataset

    from ..terms import from_ox

    dataset = Dataset(default_union=False)
    for quad in parse_quads(path):
        graph = dataset.graph(from_ox(quad.graph_name))  # type: ignore[arg-type]
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return dataset


def parse_graph(path: Path) -> Graph:
    """Parse one file into a single rdflib graph (all of its graphs merged): the shapes.

    :raises SourceError: `path:line: message` when the file is missing or does not parse.
    """
    from rdflib import BNode, Graph

    from ..terms import from_ox

    graph = Graph(identifier=BNode(), bind_namespaces="none")
    for quad in parse_quads(path):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return graph


def files_under(
    root: Path, folders: Iterable[str], *, skip: Callable[[str], bool]
) -> dict[str, os.DirEntry[str]]:
    """Every file in `folders` of `root` (`""` is the root itself), recursively, by its path
    relative to `root`, sorted; an entry whose name `skip` accepts is left out, a folder with
    all it holds. Walked with `os.scandir`, which tells a file from a folder without a `stat`:
    readers walk the inputs and the code at every start, and a large tree holds thousands."""
    found: dict[str, os.DirEntry[str]] = {}
    pending = [folder for folder in folders if (root / folder).is_dir()]
    while pending:
        folder = pending.pop()
        with os.scandir(root / folder) as entries:
            for entry in entries:
                if skip(entry.name):
                    continue
                name = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_dir():
                    pending.append(name)
                elif entry.is_file():
                    found[name] = entry
    return dict(sorted(found.items()))
