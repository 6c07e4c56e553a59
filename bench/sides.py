"""One side of the benchmark, in its own process: `sides.py project|plain|plain-query ROOT OUT`.

Each stage is written to OUT as it starts and as it ends (one JSON object a line), so a side
stopped for running too long still reports the stages it finished, and which one it was in.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingenium_kg.dataset import BuiltDataset
    from ingenium_kg.query.library import SavedQuery

STARTED = time.perf_counter()
"""When this side began (before its libraries load): a stage's start is seconds since then."""
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
        self.write(started=name, at=start - STARTED)
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
    del store
    api_against_engine(root, report)
    report.peak()


def api_against_engine(root: Path, report: Report) -> None:
    """Each saved query through the project's API (`query.run.answer`: parameters, the deadline
    worker, every row read) against the bare engine call on the same store and text (every row
    read), as medians of repeated warm runs."""

    from ingenium_kg.dataset import BuiltDataset
    from ingenium_kg.query.library import find_query
    from ingenium_kg.stages.sources import Project

    dataset = BuiltDataset.open(root / "dist")
    for name, params in QUERIES.items():
        query, text = find_query(name, Project(root)), bound_text(root, name)
        report.write(stage=f"engine {name}", seconds=median_time(partial(engine, dataset, text)))
        asked = partial(through_api, dataset, query, params)
        report.write(stage=f"api {name}", seconds=median_time(asked))


def engine(dataset: BuiltDataset, text: str) -> object:
    """The bare engine call, every row read."""
    import pyoxigraph as ox

    result = dataset.query(text)
    return bool(result) if isinstance(result, ox.QueryBoolean) else list(result)


def through_api(dataset: BuiltDataset, query: SavedQuery, params: dict[str, str]) -> object:
    """The project's path to the same answer, every row read."""
    from ingenium_kg.query.run import answer

    found = answer(dataset, query, params=params)
    return found.rows() if found.form == "SELECT" else found


def median_time(work: Callable[[], object], budget: float = 1.0) -> float:
    """The median time of `work` over as many runs as fit in `budget` seconds (5 to 500)."""
    times: list[float] = []
    spent = 0.0
    while len(times) < 5 or (spent < budget and len(times) < 500):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return sorted(times)[len(times) // 2]


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
        with report.stage(f"query {name}"):
            result = dataset.query(text, initNs=PREFIXES)
            rows = list(result)
        names = [str(v) for v in result.vars or []]
        answer = sorted(
            " ".join(str(to_ox(row[n])) if row[n] is not None else "None" for n in names)
            for row in rows
        )
        report.write(query=name, answer=answer)
    report.peak()


def plain_query(root: Path, report: Report) -> None:
    """The plain path a user without the project takes to one answer: parse the build's N-Quads
    dump with rdflib, then ask its facts graph (timed from outside, as a whole process)."""
    from rdflib import Dataset, URIRef

    from ingenium_kg.namespaces import FACTS_GRAPH, PREFIXES

    dataset = Dataset()
    dataset.parse(root / "dist" / "ingenium.nq", format="nquads")
    facts = dataset.graph(URIRef(FACTS_GRAPH))
    rows = list(facts.query(bound_text(root, "members"), initNs=PREFIXES))
    report.write(stage="plain query members", seconds=float(len(rows)))


if __name__ == "__main__":
    kind, root, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    {"project": project, "plain": plain, "plain-query": plain_query}[kind](root, Report(out))
