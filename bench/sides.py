"""One side of the benchmark, in its own process: `sides.py project|plain ROOT OUT.jsonl`.

Each finished stage is written to OUT at once (one JSON object a line), so a side stopped for
running too long still reports the stages it finished.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

QUERIES = {
    "members": {},
    "work-packages": {},
    "objectives-2028": {},
    "graph-summary": {},
    "fact-source": {
        "subject": "id:alliance/ingenium",
        "predicate": "ikg:declaredMemberCount",
        "object": "10",
    },
}
FORMATS = {
    "ttl": "turtle",
    "jsonld": "json-ld",
    "nt": "nt",
    "trig": "trig",
    "nq": "nquads",
    "rdf": "xml",
}


class Report:
    def __init__(self, path: Path) -> None:
        self.stream = path.open("w", encoding="utf-8")

    def write(self, **record: Any) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.write(stage=name, seconds=time.perf_counter() - start)

    def peak(self) -> None:
        self.write(
            stage="peak MB", seconds=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )


def bound_text(root: Path, name: str) -> str:
    from ingenium_kg.query.library import bind_params, find_query, with_bindings
    from ingenium_kg.stages.sources import Project

    query = find_query(name, Project(root))
    return with_bindings(query, bind_params(query, QUERIES[name]))


def project(root: Path, report: Report) -> None:
    import pyoxigraph as ox

    from ingenium_kg.namespaces import FACTS_GRAPH, PREFIXES
    from ingenium_kg.pipeline import build
    from ingenium_kg.stages.sources import Project

    result = build(project=Project(root))
    for name, seconds in result.timings.items():
        report.write(stage=name, seconds=seconds)
    excerpts = result.open().manifest.counts["excerpts"]
    report.write(stage="triples", seconds=float(sum(result.counts.values()) + excerpts))
    store = ox.Store.read_only(str(root / "dist" / "store"))
    for name in QUERIES:
        text = bound_text(root, name)
        start = time.perf_counter()
        rows = list(store.query(text, prefixes=PREFIXES, default_graph=[ox.NamedNode(FACTS_GRAPH)]))
        report.write(stage=f"query {name}", seconds=time.perf_counter() - start)
        names = [
            v.value
            for v in store.query(
                text, prefixes=PREFIXES, default_graph=[ox.NamedNode(FACTS_GRAPH)]
            ).variables
        ]
        report.write(query=name, answer=sorted(" ".join(str(r[n]) for n in names) for r in rows))
    report.peak()


def plain(root: Path, report: Report) -> None:
    import owlrl
    import pyshacl
    from rdflib import Dataset, Graph, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from ingenium_kg.namespaces import PREFIXES, PROVENANCE_GRAPH
    from ingenium_kg.terms import to_ox

    with report.stage("load"):
        ontology = Graph().parse(root / "ontology" / "ingenium.ttl")
        shapes = Graph().parse(root / "ontology" / "shapes.ttl")
        facts, provenance, links = Graph(), Graph(), Graph()
        dataset = Dataset(default_union=False)
        for path in sorted((root / "data" / "article").glob("*.trig")):
            parsed = Dataset()
            parsed.parse(path, format="trig", publicID=PREFIXES["id"])
            for s, p, o, g in parsed.quads((None, None, None, None)):
                default = g is None or g == DATASET_DEFAULT_GRAPH_ID
                (provenance if default else facts).add((s, p, o))
                dataset.graph(URIRef(PROVENANCE_GRAPH) if default else g).add((s, p, o))
        for path in sorted((root / "data" / "links").glob("*.ttl")):
            links.parse(path, publicID=PREFIXES["id"])
        for triple in facts:
            dataset.default_graph.add(triple)
    with report.stage("quotes"):
        oa = PREFIXES["oa"]
        for excerpt in provenance.subjects(URIRef(oa + "hasSource"), None):
            source = provenance.value(excerpt, URIRef(oa + "hasSource"))
            text = (
                root / str(provenance.value(source, URIRef(PREFIXES["ikg"] + "textFile")))
            ).read_text(encoding="utf-8")
            selectors = list(provenance.objects(excerpt, URIRef(oa + "hasSelector")))
            exact = next(
                provenance.value(s, URIRef(oa + "exact"))
                for s in selectors
                if provenance.value(s, URIRef(oa + "exact"))
            )
            position = next(
                s for s in selectors if provenance.value(s, URIRef(oa + "start")) is not None
            )
            start, end = (
                int(provenance.value(position, URIRef(oa + "start"))),
                int(provenance.value(position, URIRef(oa + "end"))),
            )
            assert text[start:end] == str(exact), excerpt
    with report.stage("reasoning"):
        closure = ontology + facts
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    with report.stage("validation"):
        pyshacl.validate(facts + provenance + links, shacl_graph=shapes, ont_graph=ontology)
    merged = facts + provenance + links
    for suffix, fmt in FORMATS.items():
        with report.stage(f"export ingenium.{suffix}"):
            target: Callable[..., Any] = (
                dataset if fmt in ("trig", "nquads", "json-ld") else merged
            ).serialize
            target(format=fmt)
    for name in QUERIES:
        text = bound_text(root, name)
        start = time.perf_counter()
        result = dataset.query(text, initNs=PREFIXES)
        rows = list(result)
        report.write(stage=f"query {name}", seconds=time.perf_counter() - start)
        names = [str(v) for v in result.vars or []]
        answer = sorted(
            " ".join(str(to_ox(row[n])) if row[n] is not None else "None" for n in names)
            for row in rows
        )
        report.write(query=name, answer=answer)
    report.peak()


if __name__ == "__main__":
    kind, root, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    {"project": project, "plain": plain}[kind](root, Report(out))
