"""JSON-LD 1.1 for the dataset: a context made from the ontology, and a compactor linear in size.

pyld compacts through expansion and an inverse context walked for every value, which is quadratic
in practice (25 minutes at 82k triples). The rules compaction needs here are few, so they are
applied straight to the quads in one pass: group by graph, subject and predicate, turn each term
into its JSON form once (cached), sort, and write each node object on its own line so a release
diffs well.

Correctness comes before brevity. Literals are always JSON strings (never numbers or booleans), so
lexical forms survive exactly; a value that does not fit a term's coercion goes under the
property's compact IRI instead of the term; an IRI that JSON-LD would misread is refused rather
than written wrong. The writer understands exactly the contexts `context_from_ontology` makes
(prefixes, plain terms, terms coerced to `@id` or to a datatype) and raises on anything else, so it
can never misinterpret one.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

import pyoxigraph as ox

from ..namespaces import ONTOLOGY_NS, PREFIXES
from .graph import collector_paused

RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_RANGE = PREFIXES["rdfs"] + "range"
XSD_STRING = PREFIXES["xsd"] + "string"
OBJECT_PROPERTY = PREFIXES["owl"] + "ObjectProperty"
DATATYPE_PROPERTY = PREFIXES["owl"] + "DatatypeProperty"

# A word starting with a letter: no ':' or '/' (JSON-LD would read those as IRIs), no '@'
# (keywords), no leading '_' (the blank-node prefix), so a term is never read as anything else.
_TERM = re.compile(r"[^\W\d_][\w.-]*\Z")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# A plain string term whose IRI ends with one of these is a prefix (JSON-LD 1.1, create term
# definition); only those may start a compact IRI.
_GEN_DELIMS = tuple(":/?#[]@")
_HEAD = re.compile(r".*[:/?#\[\]@]", re.DOTALL)

_DEFAULT_GRAPH = ox.DefaultGraph()
_NODE = "    "
_NESTED_NODE = "      "

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
# (the coercion it fits: "@id" or its datatype, None for none; its form under a coerced term;
# its form under any other key; a key that orders it among the values of one property)
_Value = tuple[str | None, str | None, Any, tuple[str, str, str]]
# (the predicate's terms by the coercion each has, the key for other values, whether rdf:type)
_Key = tuple[dict[str | None, str], str, bool]

_encode = json.JSONEncoder(
    ensure_ascii=False, check_circular=False, separators=(", ", ": ")
).encode  # no indent: the C encoder, a node per line


def context_from_ontology(ontology: Iterable[ox.Triple]) -> dict[str, Any]:
    """The @context: every prefix, then every term the ontology types, by its local name.

    Object properties are coerced to `@id` and datatype properties with a single XSD range to that
    datatype, so the common values are bare strings; classes and individuals map to their IRI (for
    `@type`). A local name that is not a plain word, or that is a prefix's name, gets no term: its
    IRI stays reachable as `ikg:local`. Prefixes come first in PREFIXES order, then the terms
    sorted, so the same ontology gives the same context whatever its triple order.
    """
    types: dict[str, set[str]] = {}
    ranges: dict[str, set[str | None]] = {}
    for triple in ontology:
        subject, predicate, value = triple.subject, triple.predicate.value, triple.object
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(ONTOLOGY_NS):
            continue
        if predicate == RDF_TYPE and isinstance(value, ox.NamedNode):
            types.setdefault(subject.value, set()).add(value.value)
        elif predicate == RDFS_RANGE:
            iri = value.value if isinstance(value, ox.NamedNode) else None
            ranges.setdefault(subject.value, set()).add(iri)
    terms: dict[str, Any] = {}
    for iri, kinds in types.items():
        name = iri[len(ONTOLOGY_NS) :]
        if not _TERM.match(name) or name in PREFIXES:
            continue
        curie = "ikg:" + name
        declared = ranges.get(iri, set())
        datatype = next(iter(declared)) if len(declared) == 1 else None
        if OBJECT_PROPERTY in kinds and DATATYPE_PROPERTY not in kinds:
            terms[name] = {"@id": curie, "@type": "@id"}
        elif (
            DATATYPE_PROPERTY in kinds
            and OBJECT_PROPERTY not in kinds
            and datatype is not None
            and datatype.startswith(PREFIXES["xsd"])
        ):
            terms[name] = {"@id": curie, "@type": _curie(datatype, PREFIXES) or datatype}
        else:
            terms[name] = curie
    return {"@version": 1.1, **PREFIXES, **dict(sorted(terms.items()))}


def context_document(context: dict[str, Any]) -> bytes:
    """The context as the file dist/context.jsonld, in the context's own (deterministic) order."""
    text = json.dumps({"@context": context}, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_jsonld(quads: Iterable[ox.Quad], context: dict[str, Any]) -> bytes:
    """The dataset as compacted JSON-LD, byte-identical for the same set of quads.

    Default-graph nodes are at top level; each named graph is `{"@id": graph, "@graph": [...]}`,
    merged with the default-graph node of the same IRI when there is one (one node object per id).
    Nodes are sorted by @id, keys by name (after @id and @type), values by kind and lexical form; a
    property with one value has it bare, with several an array. The context is embedded, so the
    file reads without fetching anything.

    :raises ValueError: for a context this writer does not understand, an IRI JSON-LD cannot
        express with it (its scheme is a prefix's name), or a triple term.
    """
    compactor = _Compactor(context)
    with collector_paused():
        graphs: dict[Any, dict[Any, dict[ox.NamedNode, list[Term]]]] = {}
        for subject, predicate, value, graph in quads:
            nodes = graphs.get(graph)
            if nodes is None:
                nodes = graphs[graph] = {}
            properties = nodes.get(subject)
            if properties is None:
                properties = nodes[subject] = {}
            values = properties.get(predicate)
            if values is None:
                properties[predicate] = [value]
            else:
                values.append(value)
        top = compactor.nodes(graphs.pop(_DEFAULT_GRAPH, {}))
        named: dict[str, list[str]] = {}
        for graph in list(graphs):  # each graph's index is dropped once it is encoded
            nodes = graphs.pop(graph)
            named[compactor.ident(graph)] = [_encode(n) for n in compactor.nodes(nodes).values()]
        context_text = json.dumps(context, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out = io.BytesIO()
        out.write(f'{{\n  "@context": {context_text},\n  "@graph": '.encode())
        idents = sorted(top.keys() | named.keys())
        out.write(b"[\n" if idents else b"[]")
        for number, ident in enumerate(idents):
            line = _encode(top.pop(ident, None) or {"@id": ident})
            members = named.pop(ident, None)
            if members is not None:
                inner = ",\n".join(_NESTED_NODE + member for member in members)
                line = f'{line[:-1]}, "@graph": [\n{inner}\n{_NODE}]}}'
            separator = ",\n" if number else ""
            out.write(f"{separator}{_NODE}{line}".encode())
        out.write(b"\n  ]\n}\n" if idents else b"\n}\n")
    return out.getvalue()


def _namespace(iri: str, prefixes: dict[str, str]) -> tuple[str, int] | None:
    """The prefix giving `iri` its shortest (then least) compact IRI, and its IRI's length.

    Expansion is plain concatenation, so any non-empty local part is safe except one starting
    with '//', which JSON-LD reads as an absolute IRI.
    """
    candidates = []
    for name, namespace in prefixes.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and not local.startswith("//"):
            curie = f"{name}:{local}"
            candidates.append((len(curie), curie, name, len(namespace)))
    if not candidates:
        return None
    _, _, name, length = min(candidates)
    return name, length


def _curie(iri: str, prefixes: dict[str, str]) -> str | None:
    """The shortest (then least) compact IRI for `iri`, or None."""
    found = _namespace(iri, prefixes)
    return None if found is None else f"{found[0]}:{iri[found[1] :]}"


class _Compactor:
    """The compaction rules of one context, with caches so each term is worked out once."""

    def __init__(self, context: dict[str, Any]) -> None:
        definitions = {}
        for name, definition in context.items():
            if name == "@version" and definition == 1.1:
                continue
            if not _TERM.match(name):
                raise ValueError(f"unsupported context entry {name!r}")
            definitions[name] = definition
        self.prefixes = {
            name: value
            for name, value in definitions.items()
            if isinstance(value, str) and value.endswith(_GEN_DELIMS)
        }
        for name, value in self.prefixes.items():
            if self._expand(value) != value:
                raise ValueError(f"unsupported prefix {name!r}: {value!r} is a compact IRI")
        # per IRI: the term for @type and datatypes, the term with no coercion, the coerced terms
        self.vocab_terms: dict[str, str] = {}
        self.plain_terms: dict[str, str] = {}
        self.coerced_terms: dict[str, dict[str | None, str]] = {}
        for name in sorted(definitions, key=lambda n: (len(n), n)):
            definition = definitions[name]
            coercion = None
            if isinstance(definition, dict) and definition.keys() in ({"@id"}, {"@id", "@type"}):
                iri = self._expand(definition["@id"])
                coercion = definition.get("@type")
                if coercion not in (None, "@id"):
                    coercion = self._expand(coercion)
            elif isinstance(definition, str):
                iri = self._expand(definition)
            else:
                raise ValueError(f"unsupported term definition {name!r}: {definition!r}")
            self.vocab_terms.setdefault(iri, name)
            if coercion is None:
                self.plain_terms.setdefault(iri, name)
            else:
                self.coerced_terms.setdefault(iri, {}).setdefault(coercion, name)
        # an IRI's best prefix depends only on its head, the part up to its last gen-delim
        self._heads: dict[str, tuple[str, int] | None] = {}
        self._vocab: dict[str, str] = {}
        self._idents: dict[Any, str] = {}
        self._values: dict[Term, _Value] = {}
        self._keys: dict[ox.NamedNode, _Key] = {}

    def _expand(self, value: Any) -> str:
        """An IRI of the context itself: a compact IRI of one of its prefixes, or absolute."""
        if not isinstance(value, str):
            raise ValueError(f"unsupported IRI in the context: {value!r}")
        prefix, colon, local = value.partition(":")
        if colon and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        if not _SCHEME.match(value):
            raise ValueError(f"unsupported IRI in the context: {value!r}")
        return value

    def iri(self, iri: str) -> str:
        """`iri` where JSON-LD resolves it against the document (@id): a compact IRI or itself."""
        head = _HEAD.match(iri)
        if head is None or head.end() == len(iri):  # no local part to cache by: work it out
            found = _namespace(iri, self.prefixes)
        else:
            key = iri[: head.end()]
            if key in self._heads:
                found = self._heads[key]
            else:
                found = self._heads[key] = _namespace(iri, self.prefixes)
        if found is not None:
            return f"{found[0]}:{iri[found[1] :]}"
        scheme, _, rest = iri.partition(":")
        if scheme in self.prefixes and not rest.startswith("//"):
            raise ValueError(f"<{iri}> would read as a compact IRI of the prefix {scheme!r}")
        return iri

    def vocab(self, iri: str) -> str:
        """`iri` where JSON-LD resolves it against the vocabulary (@type, keys): a term if any."""
        name = self._vocab.get(iri)
        if name is None:
            name = self._vocab[iri] = self.vocab_terms.get(iri) or self.iri(iri)
        return name

    def ident(self, node: Any) -> str:
        """The @id of a subject, object or graph name: blank nodes keep their label."""
        ident = self._idents.get(node)
        if ident is None:
            ident = "_:" + node.value if isinstance(node, ox.BlankNode) else self.iri(node.value)
            self._idents[node] = ident
        return ident

    def value(self, term: Term) -> _Value:
        """A value's JSON forms, coerced and not, and the key that orders it."""
        value: _Value
        if isinstance(term, ox.Literal):
            lexical, language = term.value, term.language
            if language:
                form = {"@value": lexical, "@language": language}
                if term.direction is not None:  # RDF 1.2's base direction is JSON-LD's @direction
                    form["@direction"] = term.direction.value
                    language += "--" + term.direction.value
                value = (None, None, form, ("2", lexical, language))
            else:
                datatype = term.datatype.value
                if datatype == XSD_STRING:
                    form = lexical
                else:
                    form = {"@value": lexical, "@type": self.vocab(datatype)}
                value = (datatype, lexical, form, ("1", lexical, datatype))
        elif isinstance(term, ox.NamedNode | ox.BlankNode):
            ident = self.ident(term)
            value = ("@id", ident, {"@id": ident}, ("0", ident, ""))
        else:
            raise ValueError(f"JSON-LD cannot hold the triple term {term}")
        self._values[term] = value
        return value

    def key(self, predicate: ox.NamedNode) -> _Key:
        """How a predicate's values are keyed: its terms by coercion, the key for the rest."""
        iri = predicate.value
        fallback = self.plain_terms.get(iri) or self.iri(iri)
        key = self._keys[predicate] = (self.coerced_terms.get(iri, {}), fallback, iri == RDF_TYPE)
        return key

    def nodes(self, nodes: dict[Any, dict[ox.NamedNode, list[Term]]]) -> dict[str, dict[str, Any]]:
        """The node objects of one graph, by @id in order."""
        idents, built = self._idents, {}
        for subject, properties in nodes.items():
            ident = idents.get(subject) or self.ident(subject)
            built[ident] = self.node(ident, properties)
        return {ident: built[ident] for ident in sorted(built)}

    def node(self, ident: str, properties: dict[ox.NamedNode, list[Term]]) -> dict[str, Any]:
        """The node object of one subject in one graph."""
        keys, values = self._keys, self._values
        single: dict[str, Any] = {}  # a property with one value: its key and form
        several: dict[str, list[tuple[tuple[str, str, str], Any]]] = {}  # (order, form) pairs
        for predicate, terms in properties.items():
            coerced, fallback, is_type = keys.get(predicate) or self.key(predicate)
            for term in terms:
                if is_type and not isinstance(term, ox.Literal):
                    name, form = "@type", self._type(term)
                    order = ("0", form, "")
                else:
                    fits, bare, form, order = values.get(term) or self.value(term)
                    name = coerced.get(fits)
                    if name is None:
                        name = fallback
                    else:
                        form = bare
                if len(terms) == 1:
                    single[name] = form
                else:
                    several.setdefault(name, []).append((order, form))
        for name, found in several.items():
            found.sort(key=itemgetter(0))
            forms, last = [], None
            for order, form in found:  # a duplicate quad's value sorts next to itself: once
                if order != last:
                    forms.append(form)
                    last = order
            single[name] = forms[0] if len(forms) == 1 else forms
        # "@type" sorts first: every other key starts with a letter, after '@'
        node: dict[str, Any] = {"@id": ident}
        for name in sorted(single):
            node[name] = single[name]
        return node

    def _type(self, node: ox.NamedNode | ox.BlankNode) -> str:
        """A value of @type: a term, compact IRI, IRI or blank node id."""
        return self.ident(node) if isinstance(node, ox.BlankNode) else self.vocab(node.value)
