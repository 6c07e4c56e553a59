"""JSON-LD 1.1 with a context generated from the ontology, written in one pass.

A general JSON-LD compactor (pyld) is quadratic here; a dataset with a known context needs none
of its generality. Every project term gets its local name as a short term (object properties
coerced to `@id`, datatype properties to their one XSD range), every other IRI a prefixed name
when the local part is safe in a CURIE, and each value is written in the shortest form that the
context reads back to exactly that term: a value the coercion would misread (a literal on an
object property, another datatype) is written under the property's prefixed name instead.
Default-graph nodes sit at the top of `@graph`, each named graph as `{"@id", "@graph"}`, one node
object per line. Nodes, keys and values are sorted, so the same quads give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox

from ..namespaces import ONTOLOGY_NS, PREFIXES

_RDF, _OWL, _XSD = PREFIXES["rdf"], PREFIXES["owl"], PREFIXES["xsd"]
_TYPE = _RDF + "type"
_STRING, _LANG_STRING = _XSD + "string", _RDF + "langString"
_SAFE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.-]+)*")
"""A CURIE local part that no JSON-LD processor can mistake for anything but prefix + local."""


def context_from_ontology(ontology: Iterable[ox.Triple]) -> dict[str, Any]:
    """The @context: the project prefixes, then each ontology term as its local name."""
    kinds: dict[str, set[str]] = defaultdict(set)
    ranges: dict[str, set[str]] = defaultdict(set)
    for t in ontology:
        subject = t.subject
        if not (isinstance(subject, ox.NamedNode) and subject.value.startswith(ONTOLOGY_NS)):
            continue
        if t.predicate.value == _TYPE and isinstance(t.object, ox.NamedNode):
            kinds[subject.value].add(t.object.value)
        elif t.predicate.value == PREFIXES["rdfs"] + "range" and isinstance(t.object, ox.NamedNode):
            ranges[subject.value].add(t.object.value)
    context: dict[str, Any] = dict(PREFIXES)
    for iri in sorted(kinds):
        name = iri.removeprefix(ONTOLOGY_NS)
        if not name or name in context or name.startswith("@"):
            continue
        xsd_ranges = {r for r in ranges[iri] if r.startswith(_XSD)}
        if _OWL + "ObjectProperty" in kinds[iri]:
            context[name] = {"@id": iri, "@type": "@id"}
        elif _OWL + "DatatypeProperty" in kinds[iri] and len(xsd_ranges) == 1:
            (datatype,) = xsd_ranges
            context[name] = iri if datatype == _STRING else {"@id": iri, "@type": datatype}
        else:
            context[name] = iri
    return context


def context_document(context: Mapping[str, Any]) -> bytes:
    """The context as a file of its own (dist/context.jsonld)."""
    return _dump({"@context": dict(context)})


class _Compactor:
    """IRIs and values to their compact forms under one context (cached: IRIs repeat a lot)."""

    def __init__(self, context: Mapping[str, Any]) -> None:
        self.prefixes = [(k, v) for k, v in context.items() if isinstance(v, str) and k in PREFIXES]
        self.terms: dict[str, tuple[str, str | None]] = {}
        for name, definition in context.items():
            if name in PREFIXES:
                continue
            iri = definition if isinstance(definition, str) else definition["@id"]
            coercion = None if isinstance(definition, str) else definition.get("@type")
            self.terms[iri] = (name, coercion)
        self.cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        """A prefixed name when safe, else the full IRI (never a term: terms are for keys)."""
        found = self.cache.get(iri)
        if found is None:
            found = iri
            for prefix, namespace in self.prefixes:
                local = iri[len(namespace) :]
                if iri.startswith(namespace) and _SAFE_LOCAL.fullmatch(local):
                    found = f"{prefix}:{local}"
                    break
            self.cache[iri] = found
        return found

    def node_id(self, node: ox.NamedNode | ox.BlankNode) -> str:
        return f"_:{node.value}" if isinstance(node, ox.BlankNode) else self.iri(node.value)

    def entry(
        self, predicate: str, value: ox.NamedNode | ox.BlankNode | ox.Literal
    ) -> tuple[str, Any]:
        """The key and JSON value of one (predicate, object) pair."""
        term, coercion = self.terms.get(predicate, (None, None))
        uncoerced = term if term is not None and coercion is None else self.iri(predicate)
        if isinstance(value, ox.Literal):
            datatype = value.datatype.value
            if value.language:
                return uncoerced, {"@value": value.value, "@language": value.language}
            if term is not None and coercion == datatype:
                return term, value.value
            if datatype == _STRING:
                return uncoerced, value.value
            return uncoerced, {"@value": value.value, "@type": self.iri(datatype)}
        if term is not None and coercion == "@id":
            return term, self.node_id(value)
        return uncoerced, {"@id": self.node_id(value)}


def write_jsonld(quads: Iterable[ox.Quad], context: Mapping[str, Any]) -> bytes:
    """The dataset as compacted JSON-LD: default-graph nodes, then one object per named graph."""
    compact = _Compactor(context)
    graphs: dict[str, dict[str, dict[str, list[Any]]]] = defaultdict(lambda: defaultdict(dict))
    for quad in quads:
        graph = (
            "" if isinstance(quad.graph_name, ox.DefaultGraph) else compact.node_id(quad.graph_name)
        )  # type: ignore[arg-type]
        node = graphs[graph][compact.node_id(quad.subject)]  # type: ignore[arg-type]
        if quad.predicate.value == _TYPE and not isinstance(quad.object, ox.Literal):
            node.setdefault("@type", []).append(compact.node_id(quad.object))  # type: ignore[arg-type]
            continue
        key, value = compact.entry(quad.predicate.value, quad.object)  # type: ignore[arg-type]
        node.setdefault(key, []).append(value)
    lines = [_line(node) for node in _nodes(graphs.pop("", {}))]
    for name in sorted(graphs):
        inner = ",\n".join(_line(node) for node in _nodes(graphs[name]))
        lines.append(f'{{"@id": {json.dumps(name, ensure_ascii=False)}, "@graph": [\n{inner}\n]}}')
    body = ",\n".join(lines)
    head = json.dumps(dict(context), indent=1, ensure_ascii=False)
    return f'{{"@context": {head},\n"@graph": [\n{body}\n]}}\n'.encode()


def _line(node: Mapping[str, Any]) -> str:
    """One node object on one line: diffs show the nodes that changed, and the C encoder
    (which an indented dump cannot use) keeps a million quads to seconds."""
    return json.dumps(node, ensure_ascii=False)


def _nodes(nodes: Mapping[str, Mapping[str, list[Any]]]) -> list[dict[str, Any]]:
    out = []
    for node_id in sorted(nodes):
        node: dict[str, Any] = {"@id": node_id}
        for key in sorted(nodes[node_id]):
            values = sorted(nodes[node_id][key], key=_value_key)
            node[key] = values[0] if len(values) == 1 else values
        out.append(node)
    return out


def _value_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _dump(document: Any) -> bytes:
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
