"""What changed between two builds or two dumps: facts by entity, provenance apart.

A side is a build folder (`manifest.json` + `store/`, every graph of the store, ontology and
inferences included) or a dump (`.trig`, `.nq`, `.ttl`, `.nt`). Quads are compared exactly as
written, each term in its N-Triples form, so `"7200000"^^xsd:decimal` and `"7200000.0"` differ,
as they would in the exports. A change in `graph/provenance` or in an excerpt graph is a change
of where a fact comes from, so it is reported apart from the facts (every other graph).

**Blank nodes.** The project's data has none, but a dump someone edited may. Their labels mean
nothing across files, so each side holding any is first canonicalised (pyoxigraph's RDF dataset
canonicalisation: every blank node renamed after its surroundings): an unchanged blank node then
has the same name on both sides, and one whose triples changed shows as removed and added.

Everything is sorted (entities by term, changes by predicate, graph, then removed before added),
so the same two inputs always give the same report.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import SourceError, UsageError
from .namespaces import DATA_NS, PREFIXES, PROVENANCE_GRAPH
from .query.labels import pick_label
from .stages.sources import RDF_FORMATS, parse_quads

if TYPE_CHECKING:
    import pyoxigraph as ox

LABEL_PROPERTIES = (f"<{PREFIXES['rdfs']}label>", f"<{PREFIXES['skos']}prefLabel>")
LABEL_LANGUAGES = ("en", "fr")
"""A diff is read by developers: English first, then the article's French."""
_EXCERPT = f"<{DATA_NS}excerpt/"
_PROVENANCE = f"<{PROVENANCE_GRAPH}>"
_TYPED = re.compile(r"\^\^<([^<>]*)>$")


class DiffFormat(StrEnum):
    """How `render` writes a diff; the value is the CLI name."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class Statement(NamedTuple):
    """One statement, every term in N-Triples form; `graph` is "" for the default graph."""

    subject: str
    predicate: str
    object: str
    graph: str


@dataclass(frozen=True)
class Change:
    """One statement about an entity, added or removed."""

    added: bool
    predicate: str
    object: str
    graph: str


@dataclass(frozen=True)
class EntityChanges:
    """What changed about one subject, with its label (from the new side, else the old)."""

    subject: str
    label: str | None
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Diff:
    """The changes from `old` to `new`: facts, and provenance (graph/provenance, excerpts)."""

    old: Path
    new: Path
    facts: tuple[EntityChanges, ...]
    provenance: tuple[EntityChanges, ...]

    @property
    def identical(self) -> bool:
        return not self.facts and not self.provenance

    @property
    def exit_code(self) -> int:
        """0 identical, 1 different: what `diff` exits with, as diff(1) does."""
        return 0 if self.identical else 1


def diff(old: Path, new: Path) -> Diff:
    """Compare two builds or two dumps (a build folder or a `.trig`/`.nq`/`.ttl`/`.nt` file each).

    :raises SourceError: a path is missing, not a build nor a dump, or does not parse
        (`file:line: reason`).
    """
    before, after = read_quads(old), read_quads(new)
    removed, added = before - after, after - before
    changed = {q.subject for q in removed} | {q.subject for q in added}
    labels = _labels(before, changed) | _labels(after, changed)  # the new side's label wins
    facts: dict[str, list[Change]] = defaultdict(list)
    provenance: dict[str, list[Change]] = defaultdict(list)
    for quad, is_added in [*((q, False) for q in removed), *((q, True) for q in added)]:
        section = provenance if _is_provenance(quad.graph) else facts
        section[quad.subject].append(Change(is_added, quad.predicate, quad.object, quad.graph))
    return Diff(old, new, _grouped(facts, labels), _grouped(provenance, labels))


def read_quads(path: Path) -> set[Statement]:
    """Every quad of a build folder or a dump, blank nodes canonicalised.

    :raises SourceError: see `diff`.
    """
    if path.is_dir():
        from .dataset import BuiltDataset

        quads: list[ox.Quad] = list(BuiltDataset.open(path, allow_invalid=True).quads())
    elif not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    elif path.suffix.lower() not in RDF_FORMATS:
        known = ", ".join(RDF_FORMATS)
        raise SourceError(f"{path}: neither a build folder nor a dump ({known})")
    else:
        quads = parse_quads(path)
    return {_quad(q) for q in _canonical(quads)}


def _canonical(quads: list[ox.Quad]) -> Iterable[ox.Quad]:
    import pyoxigraph as ox

    if not any(isinstance(t, ox.BlankNode) for q in quads for t in q):
        return quads
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)  # same version on both sides
    return dataset


def _quad(quad: ox.Quad) -> Statement:
    import pyoxigraph as ox

    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return Statement(str(quad.subject), str(quad.predicate), str(quad.object), graph)


def _is_provenance(graph: str) -> bool:
    return graph == _PROVENANCE or graph.startswith(_EXCERPT)


def _labels(quads: Iterable[Statement], subjects: set[str]) -> dict[str, str]:
    """The label of each of `subjects` among rdfs:label and skos:prefLabel, English first."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for quad in quads:
        if (
            quad.predicate in LABEL_PROPERTIES
            and quad.subject in subjects
            and quad.object.startswith('"')
        ):
            found[quad.subject].append(_language_and_text(quad.object))
    return {s: label for s, pairs in found.items() if (label := pick_label(pairs, LABEL_LANGUAGES))}


def _language_and_text(literal: str) -> tuple[str, str]:
    """("en", "Rouen") from `"Rouen"@en`, read back by the N-Triples parser (escapes and all)."""
    import pyoxigraph as ox

    term = ox.parse(f"<s:> <p:> {literal} .".encode(), format=ox.RdfFormat.N_TRIPLES)
    value = next(iter(term)).object
    assert isinstance(value, ox.Literal)
    return value.language or "", value.value


def _grouped(section: dict[str, list[Change]], labels: dict[str, str]) -> tuple[EntityChanges, ...]:
    def order(change: Change) -> tuple[str, str, bool, str]:
        return change.predicate, change.graph, change.added, change.object

    return tuple(
        EntityChanges(subject, labels.get(subject), tuple(sorted(changes, key=order)))
        for subject, changes in sorted(section.items())
    )


# --- rendering -------------------------------------------------------------------------------


def render(found: Diff, fmt: DiffFormat | str = DiffFormat.TEXT) -> str:
    """The diff as text (a terminal), Markdown (a review comment) or JSON (a program).

    JSON writes every term in N-Triples form (`<iri>`, `"text"@fr`, `"10"^^<…#integer>`), the
    default graph as null; text and Markdown use the project's prefixed names.

    :raises UsageError: for a format that is not one of `DiffFormat`.
    """
    try:
        fmt = DiffFormat(fmt)
    except ValueError:
        known = ", ".join(f.value for f in DiffFormat)
        raise UsageError(f"unknown diff format {fmt!r}; use one of {known}") from None
    if fmt is DiffFormat.JSON:
        return json.dumps(_as_json(found), indent=2, ensure_ascii=False) + "\n"
    return "".join(f"{line}\n" for line in _lines(found, markdown=fmt is DiffFormat.MARKDOWN))


def _as_json(found: Diff) -> dict[str, Any]:
    def section(entities: tuple[EntityChanges, ...]) -> dict[str, Any]:
        return {
            "added": _count(entities, added=True),
            "removed": _count(entities, added=False),
            "entities": [
                {
                    "subject": e.subject,
                    "label": e.label,
                    "changes": [
                        {
                            "change": "added" if c.added else "removed",
                            "predicate": c.predicate,
                            "object": c.object,
                            "graph": c.graph or None,
                        }
                        for c in e.changes
                    ],
                }
                for e in entities
            ],
        }

    return {
        "old": str(found.old),
        "new": str(found.new),
        "identical": found.identical,
        "facts": section(found.facts),
        "provenance": section(found.provenance),
    }


def _lines(found: Diff, *, markdown: bool) -> list[str]:
    if found.identical:
        return [f"{found.old} and {found.new} hold the same quads."]
    lines: list[str] = []
    for title, entities in (("Facts", found.facts), ("Provenance", found.provenance)):
        added, removed = _count(entities, added=True), _count(entities, added=False)
        about = f"{len(entities)} {'entity' if len(entities) == 1 else 'entities'}"
        heading = f"{title}: {added} added, {removed} removed, {about}"
        lines += [f"## {heading}", ""] if markdown else [heading]
        for entity in entities:
            name = _short(entity.subject)
            shown = f"{entity.label} ({name})" if entity.label else name
            if markdown:
                lines += [f"### {_escaped(shown)}", "", "| | predicate | object | graph |"]
                lines.append("|---|---|---|---|")
            else:
                lines.append(f"  {shown}")
            for c in entity.changes:
                sign = "+" if c.added else "-"
                graph = _short(c.graph) if c.graph else "default graph"
                if markdown:
                    cells = (_code(_short(c.predicate)), _code(_short(c.object)), _code(graph))
                    lines.append(f"| {sign} | {' | '.join(cells)} |")
                else:
                    lines.append(f"    {sign} {_short(c.predicate)} {_short(c.object)}  [{graph}]")
            if markdown:
                lines.append("")
    return lines[:-1] if markdown and not lines[-1] else lines


def _count(entities: tuple[EntityChanges, ...], *, added: bool) -> int:
    return sum(c.added is added for e in entities for c in e.changes)


def _short(term: str) -> str:
    """A prefixed name for a project IRI, and for a literal's datatype; else as written."""
    from .terms import short_iri  # loads rdflib: only when rendering for people

    if term.startswith("<") and term.endswith(">"):
        return short_iri(term[1:-1])
    return _TYPED.sub(lambda m: "^^" + short_iri(m.group(1)), term)


def _code(text: str) -> str:
    """A Markdown code span that holds any text, its pipes escaped for the table."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    escaped = text.replace("|", "\\|")
    return f"{fence}{pad}{escaped}{pad}{fence}"


def _escaped(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
