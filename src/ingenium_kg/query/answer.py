"""The answer to one query, local or remote, as pyoxigraph gives it: one type for every renderer.

SELECT and ASK answers stay the engine's own results objects until they are rendered, so the W3C
results formats are written by the engine's serialisers straight from them (each can be read
once); graphs are lists of triples.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import pyoxigraph as ox

    from .library import QueryForm

    Term = ox.NamedNode | ox.BlankNode | ox.Literal


class Answer:
    """What a query gave: its form and its results (solutions, a boolean, or triples); compared
    by identity, as the engine's live results are. (Not a dataclass: see `library.Param`.)"""

    __slots__ = ("_rows", "form", "result", "triples")

    def __init__(
        self,
        form: QueryForm,
        result: ox.QuerySolutions | ox.QueryBoolean | None = None,
        triples: list[ox.Triple] | None = None,
    ) -> None:
        self.form, self.result, self.triples = form, result, triples
        self._rows: tuple[list[str], list[list[Term | None]]] | None = None

    def rows(self) -> tuple[list[str], list[list[Term | None]]]:
        """Variable names and rows of a SELECT answer, read once and kept (tables, rdflib)."""
        import pyoxigraph as ox

        if self._rows is None:
            assert isinstance(self.result, ox.QuerySolutions)
            names = [v.value for v in self.result.variables]
            self._rows = (names, [[s[name] for name in names] for s in self.result])
        return self._rows

    def iris(self) -> list[str]:
        """Every IRI the rows mention, sorted (what a table looks labels up for)."""
        import pyoxigraph as ox

        _, rows = self.rows()
        return sorted({t.value for row in rows for t in row if isinstance(t, ox.NamedNode)})

    @classmethod
    def of(
        cls, form: QueryForm, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
    ) -> Answer:
        """Wrap what `Store.query` or `parse_query_results` returned."""
        import pyoxigraph as ox

        if isinstance(result, ox.QueryTriples):
            return cls(form, triples=list(result))
        return cls(form, result=result)

    @classmethod
    def computed(
        cls, form: QueryForm, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
    ) -> bytes | list[ox.Triple]:
        """The engine's lazy result computed in full: triples, or W3C JSON results. Both may
        cross threads (results objects may not), so a deadline can bound the evaluation."""
        import pyoxigraph as ox

        if isinstance(result, ox.QueryTriples):
            return list(result)
        return result.serialize(format=ox.QueryResultsFormat.JSON) or b""

    @classmethod
    def of_computed(cls, form: QueryForm, computed: bytes | list[ox.Triple]) -> Answer:
        """The answer `computed` gave, read back in this thread."""
        import pyoxigraph as ox

        if isinstance(computed, list):
            return cls(form, triples=computed)
        return cls(form, result=ox.parse_query_results(computed, format=ox.QueryResultsFormat.JSON))
