"""`wikidata-check`: where the graph and a Wikidata-shaped endpoint disagree about the members.

Only claims both sides can state are compared: each linked member's country (P17) and city
(P131/P159, up the P131 chain), and membership of the alliance (P463) when the alliance has a
Wikidata item. What cannot be checked is reported as a note, so silence never means agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from ..namespaces import IKG, ORG, WD, WDT
from .client import WikidataEndpoint
from .linking import Kind, Linkable, linkables, qid, union


@dataclass(frozen=True)
class Disagreement:
    """One claim where the graph and the endpoint differ (QIDs as strings, sorted)."""

    entity: URIRef
    item: str
    property: str
    graph_says: str
    endpoint_says: tuple[str, ...]

    def __str__(self) -> str:
        theirs = ", ".join(self.endpoint_says) or "nothing"
        return (
            f"{self.entity} (wd:{self.item}) {self.property}: "
            f"graph says {self.graph_says}, endpoint says {theirs}"
        )


@dataclass(frozen=True)
class CheckReport:
    disagreements: tuple[Disagreement, ...]
    notes: tuple[str, ...]
    checked: int

    @property
    def ok(self) -> bool:
        return not self.disagreements

    def render(self) -> str:
        lines = [str(d) for d in self.disagreements]
        lines += [f"note: {note}" for note in self.notes]
        lines.append(
            f"{self.checked} linked members checked, {len(self.disagreements)} disagreements"
        )
        return "\n".join(lines) + "\n"


def check(dataset: Dataset | Graph, endpoint: WikidataEndpoint) -> CheckReport:
    """Compare each linked member's country, city and alliance membership with the endpoint.

    :raises EndpointError: when the endpoint fails beyond its retries.
    """
    graph = union(dataset)
    entities = linkables(graph)
    members = [e for e in entities if e.kind is Kind.UNIVERSITY and e.link]
    alliances = [e for e in entities if e.kind is Kind.ALLIANCE]
    notes = [f"{e.iri} has no Wikidata link: not checked" for e in entities if _unchecked(e)]
    alliance_qid = next((a.link for a in alliances if a.link), None)
    if alliance_qid is None:
        notes.append("the alliance has no Wikidata item: membership (P463) not checked")
    if not members:
        return CheckReport((), tuple(notes), 0)
    claims = _claims(endpoint, [m.link for m in members if m.link])
    found: list[Disagreement] = []
    for member in members:
        assert member.link is not None
        mine = claims.get(member.link, {})
        if not mine:
            found.append(Disagreement(member.iri, member.link, "exists", "an item", ()))
            continue
        expected = {"P17": member.country, "P131": member.city}
        if alliance_qid and _is_member(graph, member.iri):
            expected["P463"] = alliance_qid
        for prop, ours in expected.items():
            theirs = mine.get(prop, set())
            if ours is not None and ours not in theirs:
                found.append(
                    Disagreement(member.iri, member.link, prop, ours, tuple(sorted(theirs)))
                )
    return CheckReport(tuple(found), tuple(notes), len(members))


def _unchecked(entity: Linkable) -> bool:
    return entity.kind is Kind.UNIVERSITY and not entity.link


def _is_member(graph: Graph, university: URIRef) -> bool:
    return any(
        (alliance, RDF.type, IKG.EuropeanUniversityAlliance) in graph
        for alliance in graph.subjects(ORG.hasMember, university)
    )


def _claims(endpoint: WikidataEndpoint, qids: list[str]) -> dict[str, dict[str, set[str]]]:
    """item → property → values, for P17, places (P131 column) and P463."""
    answer = endpoint.select(claims_query(sorted(qids)))
    claims: dict[str, dict[str, set[str]]] = {}
    for row in answer.rows:
        item, value = qid(row["item"]), qid(row["value"]) or str(row["value"])
        if item is not None:
            claims.setdefault(item, {}).setdefault(str(row["key"]), set()).add(value)
    return claims


def claims_query(qids: list[str]) -> str:
    items = " ".join(f"wd:{q}" for q in qids)
    return (
        f"PREFIX wd: <{WD}>\nPREFIX wdt: <{WDT}>\n"
        "SELECT ?item ?key ?value WHERE {\n"
        f"  VALUES ?item {{ {items} }}\n"
        '  { ?item wdt:P17 ?value . BIND("P17" AS ?key) }\n'
        '  UNION { ?item (wdt:P131|wdt:P159)/wdt:P131* ?value . BIND("P131" AS ?key) }\n'
        '  UNION { ?item wdt:P463 ?value . BIND("P463" AS ?key) }\n'
        '  UNION { ?item wdt:P31 ?value . BIND("P31" AS ?key) }\n'
        "}\n"
    )
