"""The ontology's documentation as one HTML page, generated from the ontology graph the build
stored: every class, property and individual with its French and English labels and
definitions, its domain, range, super-terms and alignments to the standard vocabularies.

Written here rather than with pyLODE: the page shares the site's accessible layout, needs no
extra dependency, and `ontology_html` can be called by the build to write it into dist/.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..dataset import BuiltDataset
from ..namespaces import ONTOLOGY_IRI, ONTOLOGY_NS, PREFIXES
from ..query.labels import pick_label
from ..query.results import prefixed
from .entity import Shown
from .pages import render
from .site import PAGE_LANGUAGES, Label

_RDFS, _OWL, _SKOS = PREFIXES["rdfs"], PREFIXES["owl"], PREFIXES["skos"]
_SECTIONS = (
    ("classes", "Classes", _OWL + "Class"),
    ("object-properties", "Object properties", _OWL + "ObjectProperty"),
    ("datatype-properties", "Datatype properties", _OWL + "DatatypeProperty"),
    ("annotation-properties", "Annotation properties", _OWL + "AnnotationProperty"),
    ("individuals", "Individuals", _OWL + "NamedIndividual"),
)
_RELATIONS = (
    ("type", PREFIXES["rdf"] + "type"),
    ("subclass of", _RDFS + "subClassOf"),
    ("subproperty of", _RDFS + "subPropertyOf"),
    ("domain", _RDFS + "domain"),
    ("range", _RDFS + "range"),
    ("inverse of", _OWL + "inverseOf"),
    ("equivalent class", _OWL + "equivalentClass"),
    ("notation", _SKOS + "notation"),
)
_TEXTS = (_RDFS + "label", _SKOS + "definition", _RDFS + "comment")


@dataclass
class Term:
    """One documented term."""

    iri: str
    anchor: str
    name: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    relations: list[tuple[str, list[Shown]]] = field(default_factory=list)


@dataclass
class Section:
    anchor: str
    title: str
    terms: list[Term]


@dataclass
class OntologyView:
    """The whole page."""

    iri: str
    title: Label | None
    descriptions: list[Label]
    metadata: list[tuple[Shown, list[Shown]]]
    sections: list[Section]


def _show(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Shown:
    """Ontology terms link to their anchor on the page, other IRIs to themselves."""
    if isinstance(term, ox.Literal):
        return Shown(term.value, term.language or "")
    if isinstance(term, ox.BlankNode):
        return Shown(f"_:{term.value}")
    iri = term.value
    name = prefixed(iri)
    text = name if not name.startswith("<") else iri
    if iri.startswith(ONTOLOGY_NS):
        return Shown(text, href="#" + iri[len(ONTOLOGY_NS) :])
    return Shown(text, href=iri)


def ontology_view(dataset: BuiltDataset) -> OntologyView:
    """The documentation's content, from the ontology graph alone."""
    by_subject: dict[str, dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for quad in dataset.quads(ONTOLOGY_IRI):
        by_subject[quad.subject.value][quad.predicate.value].append(quad.object)  # type: ignore[union-attr, arg-type]
    texts = {
        iri: {
            p: {o.language or "": o.value for o in props.get(p, []) if isinstance(o, ox.Literal)}
            for p in _TEXTS
        }
        for iri, props in by_subject.items()
    }
    sections = []
    for anchor, title, kind in _SECTIONS:
        members = sorted(
            iri
            for iri, props in by_subject.items()
            if iri != ONTOLOGY_IRI
            and any(o.value == kind for o in props.get(PREFIXES["rdf"] + "type", []))
        )
        terms = []
        for iri in members:
            props = by_subject[iri]
            local = iri[len(ONTOLOGY_NS) :] if iri.startswith(ONTOLOGY_NS) else iri
            term = Term(
                iri,
                local,
                prefixed(iri),
                texts[iri][_RDFS + "label"],
                texts[iri][_SKOS + "definition"] or texts[iri][_RDFS + "comment"],
            )
            for name, prop in _RELATIONS:
                values = [
                    _show(o)
                    for o in sorted(props.get(prop, []), key=str)
                    if not (prop.endswith("#type") and o.value == kind)
                ]
                if values:
                    term.relations.append((name, values))
            terms.append(term)
        if terms:
            sections.append(Section(anchor, title, terms))
    head = by_subject.get(ONTOLOGY_IRI, {})
    titles = [
        (o.language or "", o.value)
        for o in head.get(PREFIXES["dcterms"] + "title", [])
        if isinstance(o, ox.Literal)
    ]
    chosen = pick_label(titles, PAGE_LANGUAGES)
    title = Label(chosen, next(lang for lang, text in titles if text == chosen)) if chosen else None
    descriptions = [
        Label(o.value, o.language or "")
        for o in head.get(PREFIXES["dcterms"] + "description", [])
        if isinstance(o, ox.Literal)
    ]
    skip = {PREFIXES["dcterms"] + "title", PREFIXES["dcterms"] + "description"}
    metadata = [
        (_show(ox.NamedNode(p)), [_show(o) for o in sorted(values, key=str)])
        for p, values in sorted(head.items())
        if p not in skip
    ]
    return OntologyView(
        ONTOLOGY_IRI, title, sorted(descriptions, key=lambda d: d.lang), metadata, sections
    )


def ontology_html(dataset: BuiltDataset, *, source: Shown | None = None) -> bytes:
    """The ontology's documentation as a standalone HTML page (UTF-8)."""
    view = ontology_view(dataset)
    title = view.title.text if view.title else "Ontology"
    return render("ontology.html", title=title, onto=view, source=source).encode("utf-8")
