"""The JSON-LD writer: every output parses back (pyoxigraph and pyld) to exactly the input quads."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
import pytest
from pyld import jsonld

from ingenium_kg.namespaces import DATA_NS, ONTOLOGY_NS, PREFIXES
from ingenium_kg.stages.jsonld import context_document, context_from_ontology, write_jsonld
from kg_helpers import REPO

XSD = PREFIXES["xsd"]
RDF = PREFIXES["rdf"]
OWL = PREFIXES["owl"]
KEYWORDS = {"@context", "@id", "@type", "@graph", "@value", "@language", "@direction"}


def iri(prefix: str, local: str = "") -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


def ikg(local: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY_NS + local)


def data(local: str) -> ox.NamedNode:
    return ox.NamedNode(DATA_NS + local)


def typed(lexical: str, datatype: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype))


def canonical(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    """The quads with blank nodes relabelled canonically, so sets compare whatever the labels."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def read_with_pyoxigraph(document: bytes) -> set[ox.Quad]:
    return canonical(ox.parse(document, format=ox.RdfFormat.JSON_LD))


def read_with_pyld(document: bytes) -> set[ox.Quad]:
    """What pyld reads, with xsd:double literals compared by value.

    pyld rewrites a string xsd:double value into its canonical form on toRdf ("1E0" -> "1.0E0",
    digitalbazaar/pyld#202), where JSON-LD 1.1 keeps string values as they are; pyoxigraph keeps
    them, and `read_with_pyoxigraph` checks those lexical forms exactly.
    """
    nquads = jsonld.to_rdf(json.loads(document), {"format": "application/n-quads"})
    return doubles_by_value(canonical(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)))


def doubles_by_value(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    double = iri("xsd", "double")
    return {
        ox.Quad(
            q.subject, q.predicate, typed(repr(float(q.object.value)), XSD + "double"), q.graph_name
        )
        if isinstance(q.object, ox.Literal) and q.object.datatype == double
        else q
        for q in quads
    }


def shuffled(items: list[Any], seed: int) -> list[Any]:
    copy = list(items)
    random.Random(seed).shuffle(copy)
    return copy


@pytest.fixture(scope="module")
def ontology() -> list[ox.Triple]:
    path = REPO / "ontology" / "ingenium.ttl"
    return [q.triple for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE)]


@pytest.fixture(scope="module")
def context(ontology: list[ox.Triple]) -> dict[str, Any]:
    return context_from_ontology(ontology)


@pytest.fixture(scope="module")
def article() -> list[ox.Quad]:
    files = sorted((REPO / "data" / "article").glob("*.trig"))
    files += sorted((REPO / "data" / "links").glob("*.ttl"))
    return [q for path in files for q in ox.parse(path=path, format=ox.RdfFormat.TRIG)]


G_A, G_B, G_BLANK, G_URN = (
    data("graph/a"),
    data("graph/b"),
    ox.BlankNode("g"),
    ox.NamedNode("urn:g:c"),
)
S = data("thing/1")
SHARED = ox.BlankNode("shared")
EVENT = ikg("Event")
TYPE = iri("rdf", "type")

ODD_IRIS = [
    ox.NamedNode(DATA_NS),  # a namespace itself: no local part
    ox.NamedNode(DATA_NS + "/x"),  # local part "/x": fine
    ox.NamedNode(DATA_NS + "//double"),  # local part "//double": would read as an absolute IRI
    ox.NamedNode("country:x"),  # scheme is a term, not a prefix: an absolute IRI in JSON-LD 1.1
    ox.NamedNode("Event:x"),
    ox.NamedNode("urn:isbn:0451450523"),
    ox.NamedNode("mailto:someone@example.org"),
    ox.NamedNode("http://example.org/a?b=c#d"),
    ox.NamedNode(DATA_NS + "excerpt/x#quote"),
    ox.NamedNode(DATA_NS + "a?b=c&d"),
    ox.NamedNode(DATA_NS + "université/é"),
    ox.NamedNode(ONTOLOGY_NS + "a/b"),
    ox.NamedNode("https://schema.org/"),
]


def tricky() -> list[ox.Quad]:
    """Every case the compaction rules must get right, in the default and several named graphs."""
    facts: list[tuple[Any, ox.NamedNode, Any]] = [
        (S, TYPE, ikg("WorkPackage")),
        (S, TYPE, iri("schema", "Project")),
        (S, TYPE, ox.NamedNode("http://example.org/Type#")),
        (S, TYPE, ox.NamedNode(DATA_NS)),  # the namespace: the term "id" in @type
        (S, TYPE, ox.BlankNode("class")),
        (S, TYPE, ox.Literal("a literal type")),
        # an object property: IRIs and blank nodes fit, literals do not
        (S, ikg("country"), data("country/france")),
        (S, ikg("country"), SHARED),
        (S, ikg("country"), ox.Literal("France", language="fr")),
        (S, ikg("country"), ox.Literal("FR")),
        (S, ikg("country"), typed("250", XSD + "integer")),
        # a datatype property coerced to xsd:integer
        (S, ikg("wpNumber"), typed("01", XSD + "integer")),
        (S, ikg("wpNumber"), typed("+3", XSD + "integer")),
        (S, ikg("wpNumber"), ox.Literal("one")),
        (S, ikg("wpNumber"), typed("1.0", XSD + "decimal")),
        (S, ikg("wpNumber"), data("work-package/1")),
        # coerced to xsd:string: plain strings fit, the empty one too
        (S, ikg("textFile"), ox.Literal("")),
        (S, ikg("textFile"), ox.Literal("data/x.txt")),
        (S, ikg("textFile"), ox.Literal("x", language="en")),
        (S, ikg("eachMemberHostsOnce"), typed("1", XSD + "boolean")),
        (S, ikg("eachMemberHostsOnce"), typed("true", XSD + "boolean")),
        (S, ikg("startYear"), typed("2025", XSD + "gYear")),
        (S, ikg("startYear"), typed("2025", XSD + "integer")),
        (S, iri("schema", "value"), typed("1E0", XSD + "double")),
        (S, iri("schema", "value"), typed("NaN", XSD + "double")),
        (S, iri("schema", "value"), typed("-0", XSD + "integer")),
        (S, iri("schema", "value"), typed("7200000.0", XSD + "decimal")),
        (S, iri("schema", "value"), ox.Literal("  spaced  ")),
        (S, iri("schema", "value"), typed("x", XSD + "string")),
        (S, iri("rdfs", "label"), ox.Literal('"quoted" \\ \n\t é 𝄞 \x01', language="en-GB")),
        (S, iri("rdfs", "label"), ox.Literal("x", language="zh-Hant-TW")),
        (S, iri("rdfs", "label"), ox.Literal("x", language="fr")),
        (S, iri("rdfs", "label"), ox.Literal("x")),
        (S, iri("dcterms", "description"), typed('{"b": 1, "a": [1.0]}', RDF + "JSON")),
        (S, iri("dcterms", "description"), typed("<b>x</b>", RDF + "HTML")),
        (S, iri("dcterms", "description"), typed("x", "http://example.org/dt#custom")),
        (S, iri("dcterms", "description"), typed("x", ONTOLOGY_NS + "WorkPackage")),
        (S, iri("dcterms", "description"), typed("x", "urn:x-dt:odd")),
        (S, ikg("undeclared"), ox.Literal("x")),
        (S, ox.NamedNode("http://example.org/vocab#"), ox.Literal("x")),
        (S, ox.NamedNode("https://schema.org/"), ox.Literal("the prefix as a property")),
        (S, ox.NamedNode("urn:p:odd"), ox.Literal("x")),
        (SHARED, iri("rdfs", "label"), ox.Literal("a blank node")),
        (SHARED, iri("schema", "knows"), ox.BlankNode("other")),
        (G_A, iri("dcterms", "title"), ox.Literal("graph a, also a node")),
        *((S, iri("schema", "sameAs"), odd) for odd in ODD_IRIS),
        *((odd, iri("rdfs", "label"), ox.Literal("odd subject")) for odd in ODD_IRIS),
        *((S, ikg("host"), odd) for odd in ODD_IRIS),
        *((S, TYPE, odd) for odd in ODD_IRIS),
    ]
    quads = [ox.Quad(s, p, o) for s, p, o in facts]
    for graph in (G_A, G_B, G_BLANK, G_URN):
        quads += [
            ox.Quad(S, ikg("country"), data("country/italy"), graph),
            ox.Quad(S, TYPE, EVENT, graph),
            ox.Quad(SHARED, iri("rdfs", "label"), ox.Literal("shared across graphs"), graph),
            ox.Quad(graph, iri("rdfs", "label"), ox.Literal("a graph named in a graph"), graph),
        ]
    quads.append(ox.Quad(G_B, iri("rdfs", "label"), ox.Literal("b, described in a"), G_A))
    quads.append(ox.Quad(ODD_IRIS[3], ikg("wpNumber"), typed("5", XSD + "integer"), ODD_IRIS[3]))
    return quads


# --- the context -------------------------------------------------------------------------------


def _select(ontology: list[ox.Triple], query: str) -> set[str]:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ontology)
    prologue = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())
    solutions = store.query(prologue + query)
    assert isinstance(solutions, ox.QuerySolutions)
    return {row[0].value for row in solutions}


def _terms(context: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in context.items() if k != "@version" and k not in PREFIXES}


def test_context_holds_every_prefix_then_every_ontology_term(
    ontology: list[ox.Triple], context: dict[str, Any]
) -> None:
    assert list(context)[: len(PREFIXES) + 1] == ["@version", *PREFIXES]
    assert context["@version"] == 1.1
    assert {name: context[name] for name in PREFIXES} == PREFIXES
    declared = _select(
        ontology, "SELECT DISTINCT ?t { ?t a ?kind FILTER STRSTARTS(STR(?t), STR(ikg:)) }"
    )
    terms = _terms(context)
    assert declared and {ONTOLOGY_NS + name for name in terms} == declared
    assert list(terms) == sorted(terms)


def test_context_coerces_properties_from_the_ontology(
    ontology: list[ox.Triple], context: dict[str, Any]
) -> None:
    objects = _select(ontology, "SELECT ?p { ?p a owl:ObjectProperty }")
    datatypes = _select(ontology, "SELECT ?p { ?p a owl:DatatypeProperty }")
    assert objects and datatypes
    for prop in objects:
        name = prop.removeprefix(ONTOLOGY_NS)
        assert context[name] == {"@id": "ikg:" + name, "@type": "@id"}
    for prop in datatypes:
        name = prop.removeprefix(ONTOLOGY_NS)
        (datatype,) = _select(ontology, f"SELECT ?r {{ <{prop}> rdfs:range ?r }}")
        assert context[name] == {"@id": "ikg:" + name, "@type": "xsd:" + datatype.removeprefix(XSD)}
    for name in ("WorkPackage", "Excerpt", "MoreThan", "CoSupervision"):
        assert context[name] == "ikg:" + name
    assert context["listPosition"]["@type"] == "xsd:integer"
    assert context["fundedUntil"]["@type"] == "xsd:gYearMonth"
    assert context["textFile"]["@type"] == "xsd:string"


def test_context_leaves_out_names_json_ld_would_misread() -> None:
    ontology = [
        ox.Triple(ikg("schema"), TYPE, ox.NamedNode(OWL + "Class")),  # a prefix's name
        ox.Triple(ikg("a/b"), TYPE, ox.NamedNode(OWL + "Class")),  # would read as an IRI
        ox.Triple(ikg("a:b"), TYPE, ox.NamedNode(OWL + "Class")),
        ox.Triple(ikg("9lives"), TYPE, ox.NamedNode(OWL + "Class")),
        ox.Triple(ikg("_hidden"), TYPE, ox.NamedNode(OWL + "Class")),
        ox.Triple(ikg("ok"), TYPE, ox.NamedNode(OWL + "Class")),
        ox.Triple(iri("schema", "Other"), TYPE, ox.NamedNode(OWL + "Class")),  # not ours
        ox.Triple(ikg("untyped"), iri("rdfs", "label"), ox.Literal("no type, no term")),
        ox.Triple(ikg("punned"), TYPE, ox.NamedNode(OWL + "ObjectProperty")),
        ox.Triple(ikg("punned"), TYPE, ox.NamedNode(OWL + "DatatypeProperty")),
        ox.Triple(ikg("twoRanges"), TYPE, ox.NamedNode(OWL + "DatatypeProperty")),
        ox.Triple(ikg("twoRanges"), iri("rdfs", "range"), iri("xsd", "integer")),
        ox.Triple(ikg("twoRanges"), iri("rdfs", "range"), iri("xsd", "decimal")),
        ox.Triple(ikg("literal"), TYPE, ox.NamedNode(OWL + "DatatypeProperty")),
        ox.Triple(ikg("literal"), iri("rdfs", "range"), iri("rdfs", "Literal")),
        ox.Triple(ikg("blankRange"), TYPE, ox.NamedNode(OWL + "DatatypeProperty")),
        ox.Triple(ikg("blankRange"), iri("rdfs", "range"), ox.BlankNode()),
        ox.Triple(ikg("noRange"), TYPE, ox.NamedNode(OWL + "DatatypeProperty")),
    ]
    context = context_from_ontology(ontology)
    assert _terms(context) == {
        "blankRange": "ikg:blankRange",
        "literal": "ikg:literal",
        "noRange": "ikg:noRange",
        "ok": "ikg:ok",
        "punned": "ikg:punned",
        "twoRanges": "ikg:twoRanges",
    }
    assert context["schema"] == PREFIXES["schema"]


def test_context_document_is_stable_with_a_trailing_newline(ontology: list[ox.Triple]) -> None:
    first = context_document(context_from_ontology(ontology))
    assert context_document(context_from_ontology(shuffled(ontology, 7))) == first
    assert first.endswith(b"}\n") and not first.endswith(b"\n\n")
    assert json.loads(first) == {"@context": context_from_ontology(ontology)}


# --- round trips -------------------------------------------------------------------------------


def test_article_round_trips_through_pyoxigraph_and_pyld(
    article: list[ox.Quad], context: dict[str, Any]
) -> None:
    assert any(not isinstance(q.graph_name, ox.DefaultGraph) for q in article)
    document = write_jsonld(article, context)
    assert read_with_pyoxigraph(document) == canonical(article)
    assert read_with_pyld(document) == doubles_by_value(canonical(article))


@pytest.mark.parametrize("empty", [False, True], ids=["ontology context", "empty context"])
def test_tricky_quads_round_trip_through_pyoxigraph_and_pyld(
    context: dict[str, Any], empty: bool
) -> None:
    quads = tricky()
    document = write_jsonld(quads, {} if empty else context)
    assert read_with_pyoxigraph(document) == canonical(quads)
    assert read_with_pyld(document) == doubles_by_value(canonical(quads))


def test_base_direction_round_trips_through_pyoxigraph(context: dict[str, Any]) -> None:
    # pyld drops @direction (JSON-LD 1.1's default rdfDirection); pyoxigraph reads RDF 1.2's
    rtl = ox.Literal("نص", language="ar", direction=ox.BaseDirection.RTL)
    plain = ox.Literal("نص", language="ar")
    quads = [ox.Quad(S, iri("rdfs", "label"), rtl), ox.Quad(S, iri("rdfs", "label"), plain)]
    document = write_jsonld(quads, context)
    assert read_with_pyoxigraph(document) == set(quads)
    (node,) = json.loads(document)["@graph"]
    assert {"@value": "نص", "@language": "ar", "@direction": "rtl"} in node["rdfs:label"]


def test_empty_dataset(context: dict[str, Any]) -> None:
    document = write_jsonld([], context)
    assert json.loads(document) == {"@context": context, "@graph": []}


# --- shape of the output -----------------------------------------------------------------------


def _top(document: bytes) -> dict[str, dict[str, Any]]:
    parsed = json.loads(document)
    assert list(parsed) == ["@context", "@graph"]
    return {node["@id"]: node for node in parsed["@graph"]}


def test_named_graphs_stay_named_graphs(context: dict[str, Any]) -> None:
    top = _top(write_jsonld(tricky(), context))
    graph_a, graph_b = top["id:graph/a"], top["id:graph/b"]
    assert graph_a["dcterms:title"] == "graph a, also a node"  # merged with its default-graph node
    assert set(graph_b) == {"@id", "@graph"}
    assert [n["@id"] for n in graph_a["@graph"]] == [
        "_:shared",
        "id:graph/a",
        "id:graph/b",
        "id:thing/1",
    ]
    assert "@graph" in top["_:g"] and "@graph" in top["urn:g:c"]
    for node in top.values():
        for member in node.get("@graph", []):
            assert "@graph" not in member
    assert graph_a["@graph"][-1] == {
        "@id": "id:thing/1",
        "@type": "Event",
        "country": "id:country/italy",
    }


def test_values_that_do_not_fit_a_coercion_use_the_property_iri(context: dict[str, Any]) -> None:
    node = _top(write_jsonld(tricky(), context))["id:thing/1"]
    assert node["country"] == ["_:shared", "id:country/france"]
    assert node["ikg:country"] == [
        {"@value": "250", "@type": "xsd:integer"},
        "FR",
        {"@value": "France", "@language": "fr"},
    ]
    assert node["wpNumber"] == ["+3", "01"]
    assert node["ikg:wpNumber"] == [
        {"@id": "id:work-package/1"},
        {"@value": "1.0", "@type": "xsd:decimal"},
        "one",
    ]
    assert node["textFile"] == ["", "data/x.txt"]
    assert node["ikg:textFile"] == {"@value": "x", "@language": "en"}
    assert node["startYear"] == "2025"
    assert node["ikg:startYear"] == {"@value": "2025", "@type": "xsd:integer"}
    assert node["rdf:type"] == "a literal type"
    assert node["ikg:undeclared"] == "x"
    assert node["schema"] == "the prefix as a property"
    assert {"@value": "x", "@type": "WorkPackage"} in node["dcterms:description"]


def test_iris_are_compacted_only_where_safe(context: dict[str, Any]) -> None:
    node = _top(write_jsonld(tricky(), context))["id:thing/1"]
    assert {value["@id"] for value in node["schema:sameAs"]} == {
        "https://w3id.org/ingenium-kg/id/",
        "id:/x",
        "https://w3id.org/ingenium-kg/id///double",
        "country:x",
        "Event:x",
        "urn:isbn:0451450523",
        "mailto:someone@example.org",
        "http://example.org/a?b=c#d",
        "id:excerpt/x#quote",
        "id:a?b=c&d",
        "id:université/é",
        "ikg:a/b",
        "https://schema.org/",
    }
    # @type is read against the vocabulary: terms there, even a prefix's own name
    assert {"id", "schema", "WorkPackage", "_:class", "schema:Project"} <= set(node["@type"])


def test_nodes_keys_and_values_are_sorted(context: dict[str, Any]) -> None:
    parsed = json.loads(write_jsonld(tricky(), context))
    for nodes in [parsed["@graph"], *(n["@graph"] for n in parsed["@graph"] if "@graph" in n)]:
        ids = [node["@id"] for node in nodes]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
        for node in nodes:
            keys = list(node)
            properties = [k for k in keys if k not in KEYWORDS]
            assert properties == sorted(properties)
            assert keys[0] == "@id"
            assert "@type" not in node or keys[1] == "@type"
            assert "@graph" not in node or keys[-1] == "@graph"


def test_output_is_byte_identical_whatever_the_input_order(
    article: list[ox.Quad], context: dict[str, Any]
) -> None:
    for quads in (article, tricky()):
        first = write_jsonld(shuffled(quads, 1), context)
        assert write_jsonld(shuffled(quads, 2), context) == first
        assert write_jsonld(shuffled(quads + quads[:50], 3), context) == first  # duplicates


def test_one_node_object_per_line(article: list[ox.Quad], context: dict[str, Any]) -> None:
    document = write_jsonld(article, context)
    named = {q.graph_name for q in article if not isinstance(q.graph_name, ox.DefaultGraph)}
    top = {q.subject for q in article if isinstance(q.graph_name, ox.DefaultGraph)} | named
    nested = {(q.graph_name, q.subject) for q in article if q.graph_name in named}
    lines = document.decode().splitlines()
    assert sum(line.lstrip().startswith('{"@id": ') for line in lines) == len(top) + len(nested)
    assert document.endswith(b"\n  ]\n}\n")


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("odd", ["id:x", "schema:Thing", "xsd:integer"])
def test_iris_json_ld_would_read_as_compact_iris_are_refused(
    context: dict[str, Any], odd: str
) -> None:
    for quad in (
        ox.Quad(ox.NamedNode(odd), TYPE, EVENT),
        ox.Quad(S, ikg("host"), ox.NamedNode(odd)),
        ox.Quad(S, ox.NamedNode(odd), ox.Literal("x")),
        ox.Quad(S, TYPE, ox.NamedNode(odd)),
        ox.Quad(S, TYPE, EVENT, ox.NamedNode(odd)),
    ):
        with pytest.raises(ValueError, match="compact IRI"):
            write_jsonld([quad], context)


def test_triple_terms_are_refused(context: dict[str, Any]) -> None:
    quoted = ox.Triple(S, TYPE, EVENT)
    with pytest.raises(ValueError, match="triple term"):
        write_jsonld([ox.Quad(S, iri("rdf", "reifies"), quoted)], context)


@pytest.mark.parametrize(
    "context",
    [
        {"@vocab": "http://example.org/"},
        {"@language": "fr"},
        {"@version": 1.0},
        {"a:b": "http://example.org/a"},
        {"a/b": "http://example.org/a"},
        {"_": "http://example.org/"},
        {"x": "relative"},
        {"x": None},
        {"x": {"@id": "http://example.org/x", "@container": "@set"}},
        {"x": {"@id": "http://example.org/x", "@type": "@vocab"}},
        {"x": {"@reverse": "http://example.org/x"}},
        {"ex": "http://example.org/", "sub": "ex:sub/"},
    ],
)
def test_contexts_it_does_not_understand_are_refused(context: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unsupported"):
        write_jsonld([ox.Quad(S, TYPE, EVENT)], context)
