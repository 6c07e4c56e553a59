"""The built dataset: what `build` leaves in dist/ and every reader opens, read-only.

One folder holds one validated build: `store/` (a pyoxigraph on-disk store holding every named
graph), the exports, the validation report and `manifest.json`, written last, which says what
the build was made from and whether its data conforms. Readers never assemble, reason or
validate: they open the store and read the manifest, so a query starts in milliseconds.
`dist` is a symlink to the current build's own folder (`builds`): a reader resolves it once and
holds that folder, so it reads one build whole while later builds replace `dist`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from .builds import Hold, hold
from .errors import InvalidDataError, SourceError
from .namespaces import (
    ENRICHMENT_GRAPH,
    FACTS_GRAPH,
    INFERRED_GRAPH,
    LINKS_GRAPH,
    ONTOLOGY_IRI,
    PREFIXES,
)
from .stages.sources import Project, files_under

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import pyoxigraph as ox
    from rdflib import Dataset, Graph

STORE = "store"
MANIFEST = "manifest.json"
ONTOLOGY_HTML = "ontology.html"
"""The ontology's documentation (pyLODE), served at /ontology."""
SHAPES = "shapes.ttl"
"""The shapes the build validated with, served at /shapes."""
SOURCES = "sources"
"""The folder holding a copy of each quoted text, by file name."""
FORMAT_VERSION = 4
"""Bumped whenever the layout of dist/ changes, so an older build is never read as current."""


class Manifest:
    """What one build was made from and what it found (the content of manifest.json).

    Not a dataclass, nor are the other classes here: every reader loads this module, and
    `dataclasses` (which imports `inspect`) would cost a cold query a tenth of its time.
    """

    __slots__ = (
        "code",
        "code_stamp",
        "counts",
        "format",
        "inputs",
        "outputs",
        "valid",
        "version",
        "violations",
        "warnings",
    )

    def __init__(
        self,
        *,
        valid: bool,
        violations: int,
        warnings: int,
        counts: Mapping[str, int],
        inputs: Mapping[str, tuple[int, int, str]],
        code: str,
        code_stamp: str,
        version: str,
        outputs: tuple[str, ...] = (),
        format: int = FORMAT_VERSION,
    ) -> None:
        self.valid = valid
        """No violation (warnings alone leave a build valid; SHACL's sh:conforms is in the
        report)."""
        self.violations, self.warnings = violations, warnings
        self.counts = counts
        """Triples per named graph (IRI -> count); `excerpts` counts the excerpt graphs' quads."""
        self.inputs = inputs
        """Input file (relative to the root) -> (size, mtime in ns, SHA-256)."""
        self.code = code
        """SHA-256 of the package's code."""
        self.code_stamp = code_stamp
        """SHA-256 of the code files' names, sizes and mtimes: while it matches, `code` is not
        recomputed (a reader then starts without reading the package)."""
        self.version, self.outputs, self.format = version, outputs, format

    def __repr__(self) -> str:
        return (
            f"Manifest(valid={self.valid}, violations={self.violations}, version={self.version!r})"
        )

    def with_outputs(self, outputs: tuple[str, ...]) -> Manifest:
        """This manifest listing `outputs` instead (a build adds its last files once known)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        return Manifest(**{**values, "outputs": outputs})

    def to_json(self) -> bytes:
        body = {
            "format": self.format,
            "valid": self.valid,
            "violations": self.violations,
            "warnings": self.warnings,
            "counts": dict(sorted(self.counts.items())),
            "inputs": {k: list(v) for k, v in sorted(self.inputs.items())},
            "code": self.code,
            "code_stamp": self.code_stamp,
            "version": self.version,
            "outputs": list(self.outputs),
        }
        return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def read(cls, path: Path, *, shown: Path | None = None) -> Manifest:
        """The manifest in `path` (named `shown` in errors: `dist/` rather than its build).

        :raises SourceError: the file is missing, unreadable or not a manifest of this format.
        """
        shown = shown or path
        try:
            body: dict[str, Any] = json.loads(path.read_bytes())
            if body.get("format") != FORMAT_VERSION:
                raise ValueError("older build format")
            return cls(
                valid=bool(body["valid"]),
                violations=int(body["violations"]),
                warnings=int(body["warnings"]),
                counts={str(k): int(v) for k, v in body["counts"].items()},
                inputs={
                    str(k): (int(v[0]), int(v[1]), str(v[2])) for k, v in body["inputs"].items()
                },
                code=str(body["code"]),
                code_stamp=str(body["code_stamp"]),
                version=str(body["version"]),
                outputs=tuple(str(name) for name in body["outputs"]),
            )
        except FileNotFoundError:
            raise SourceError(f"{shown}: no build here (run `ingenium-kg build`)") from None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            raise SourceError(f"{shown}: not a manifest of this version ({exc})") from None


class BuiltDataset:
    """A build opened read-only: its store and its manifest (compared by identity, as the
    open store is)."""

    __slots__ = ("folder", "held", "manifest", "store")

    def __init__(
        self, folder: Path, manifest: Manifest, store: ox.Store, held: Hold | None = None
    ) -> None:
        self.folder = folder
        """The folder as the reader named it (`dist/`): what messages show."""
        self.manifest, self.store = manifest, store
        self.held = held
        """The lock that keeps the build's own folder while the dataset is open (None: the
        caller keeps it, as a build does with the folder it writes)."""

    def __repr__(self) -> str:
        return f"BuiltDataset({self.folder!r}, {self.manifest!r})"

    @property
    def files(self) -> Path:
        """The build's own folder (`folder` resolved when opened): where its files are read."""
        return self.folder if self.held is None else self.held.folder

    @classmethod
    def open(cls, folder: Path, *, allow_invalid: bool = False) -> BuiltDataset:
        """Open the build in `folder` (`dist/`: the build it points to now).

        :raises SourceError: no build there, or one this version cannot read.
        :raises InvalidDataError: the build's data does not conform (unless `allow_invalid`).
        """
        try:
            held = hold(folder)
        except OSError:
            raise SourceError(
                f"{folder / MANIFEST}: no build here (run `ingenium-kg build`)"
            ) from None
        return cls._open(folder, held, allow_invalid=allow_invalid)

    @classmethod
    def _open(cls, folder: Path, held: Hold, *, allow_invalid: bool) -> BuiltDataset:
        """The build in `held`'s folder, which keeps it while the dataset is open."""
        import pyoxigraph as ox

        manifest = Manifest.read(held.folder / MANIFEST, shown=folder / MANIFEST)
        if not manifest.valid and not allow_invalid:
            raise InvalidDataError(
                f"the build in {folder} does not conform ({manifest.violations} violation(s)); "
                "`ingenium-kg validate` lists them; pass --allow-invalid to read it anyway"
            )
        try:
            store = ox.Store.read_only(str(held.folder / STORE))
        except OSError as exc:
            raise SourceError(f"{folder / STORE}: cannot open the store ({exc})") from None
        return cls(folder, manifest, store, held)

    def default_graphs(self, *, inferred: bool = False) -> list[ox.NamedNode]:
        """What queries read as their default graph: the facts, plus the inferences if asked."""
        import pyoxigraph as ox

        names = (FACTS_GRAPH, INFERRED_GRAPH) if inferred else (FACTS_GRAPH,)
        return [ox.NamedNode(name) for name in names]

    def query(
        self, text: str, *, inferred: bool = False, own_dataset: bool = False
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run SPARQL on the build: facts (+ inferences) as default graph, every graph by name.

        With `own_dataset` the query's `FROM`/`FROM NAMED` pick the graphs instead, among the
        build's own: the engine never loads a file or a URL. The project prefixes need no
        PREFIX lines. Raises pyoxigraph's SyntaxError for bad SPARQL.
        """
        default = None if own_dataset else self.default_graphs(inferred=inferred)
        return self.store.query(text, prefixes=PREFIXES, default_graph=default)  # type: ignore[arg-type]

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of the whole dataset."""
        import pyoxigraph as ox

        name = ox.NamedNode(graph) if graph is not None else None
        return self.store.quads_for_pattern(None, None, None, name)

    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib graph (the type the Python API hands its users)."""
        from .terms import rdflib_graph

        return rdflib_graph(q.triple for q in self.quads(name))

    def union(self) -> Graph:
        """Facts, links and Wikidata statements read as one rdflib graph (the Wikidata jobs)."""
        from .terms import rdflib_graph

        names = (FACTS_GRAPH, LINKS_GRAPH, ENRICHMENT_GRAPH)
        return rdflib_graph(q.triple for name in names for q in self.quads(name))

    def ontology(self) -> Graph:
        """The ontology the build was made with (stored beside the data, never exported)."""
        return self.graph(ONTOLOGY_IRI)

    def export_bytes(self, name: str) -> bytes:
        """One export file of the build, as `build` wrote it.

        :raises SourceError: the build has no such file.
        """
        if name not in self.manifest.outputs:
            raise SourceError(f"{self.folder}: the build has no {name}")
        try:
            return (self.files / name).read_bytes()
        except OSError as exc:
            raise SourceError(f"{self.folder / name}: cannot read ({exc.strerror})") from None

    def rdflib(self) -> Dataset:
        """The whole build as an rdflib dataset (every named graph, as stored)."""
        from .terms import rdflib_dataset

        return rdflib_dataset(self.quads())


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read in chunks (data files can be large)."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def is_current(project: Project | None = None, out: Path | None = None) -> bool:
    """Whether `out` (dist/) holds a complete build of exactly the current inputs and code.

    A file (or the code) whose size and mtime are those recorded is taken as unchanged, as
    `make` would; otherwise its content is hashed and compared.
    """
    project = project or Project()
    try:
        with hold(out or project.dist_dir) as held:
            return _is_current(project, held.folder)
    except OSError:
        return False


def _is_current(project: Project, folder: Path) -> bool:
    """`is_current` for the build's own folder, held by the caller."""
    try:
        manifest = Manifest.read(folder / MANIFEST)
    except SourceError:
        return False
    if manifest.code_stamp != code_stamp() and manifest.code != code_digest():
        return False  # the version adds nothing: the code's own hash decides
    files = project.input_files()
    if files.keys() != manifest.inputs.keys():
        return False
    for name, path in files.items():
        size, mtime, digest = manifest.inputs[name]
        stat = path.stat()
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime) and file_digest(path) != digest:
            return False
    return (folder / STORE).is_dir()


def open_current(
    project: Project | None = None, out: Path | None = None, *, allow_invalid: bool = False
) -> BuiltDataset | None:
    """The build in `out` (dist/) when it is current, else None (the caller builds it).

    :raises InvalidDataError: the build does not conform and `allow_invalid` is false.
    """
    project = project or Project()
    out = out or project.dist_dir
    try:
        held = hold(out)  # before the manifest is read: the build checked is the one opened
    except OSError:
        return None
    if not _is_current(project, held.folder):
        held.release()
        return None
    return BuiltDataset._open(out, held, allow_invalid=allow_invalid)


class Fingerprint:
    """What a build is made from, as its manifest records it."""

    __slots__ = ("code", "code_stamp", "inputs")

    def __init__(self, inputs: dict[str, tuple[int, int, str]], code: str, code_stamp: str) -> None:
        self.inputs = inputs
        """Input file (relative to the root) -> (size, mtime in ns, SHA-256)."""
        self.code, self.code_stamp = code, code_stamp


def fingerprint(project: Project) -> Fingerprint:
    """Size, modification time and hash of every input file, and of the package's code."""
    inputs: dict[str, tuple[int, int, str]] = {}
    for name, path in project.input_files().items():
        stat = path.stat()
        inputs[name] = (stat.st_size, stat.st_mtime_ns, file_digest(path))
    return Fingerprint(inputs, code_digest(), code_stamp())


_PACKAGE = Path(__file__).parent


def _code_files() -> list[tuple[str, os.DirEntry[str]]]:
    """The package's .py files, by path relative to the package, sorted."""
    found = files_under(_PACKAGE, ("",), skip=lambda name: name == "__pycache__")
    return [(name, entry) for name, entry in found.items() if name.endswith(".py")]


def code_digest() -> str:
    """The package's own code: a build made by other code is not current."""
    import hashlib

    code = hashlib.sha256()
    for name, entry in _code_files():
        code.update(name.encode() + b"\0" + Path(entry.path).read_bytes())
    return code.hexdigest()


def code_stamp() -> str:
    """The code files' names, sizes and mtimes, checksummed: cheap to recompute at every start
    (CRC-32 spares a cold query loading OpenSSL; a stamp that differs only sends the check on
    to `code_digest`)."""
    import zlib

    stats = ((name, entry.stat()) for name, entry in _code_files())
    listed = "".join(f"{name}\0{s.st_size}\0{s.st_mtime_ns}\n" for name, s in stats)
    return f"crc32:{zlib.crc32(listed.encode()):08x}:{len(listed)}"


def package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("ingenium-kg")
    except metadata.PackageNotFoundError:
        return "unknown"
