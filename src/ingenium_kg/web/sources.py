"""The quoted texts, to show each quote in its sentence: the build copies every text its
excerpts quote into dist/sources/, and the offsets of each excerpt's position selector say
where the quote sits in it."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..dataset import SOURCES, BuiltDataset
from ..namespaces import PREFIXES, PROVENANCE_GRAPH

_ENDS = re.compile(r"[.!?…](?=\s)|\n\s*\n|\n(?=\s*(?:\d+\.|[-•*])\s)")
"""Where a sentence ends: a full stop, question or exclamation mark before a space, a blank
line, or the line break before a list item (the article's list items have no full stop; its
other line breaks only wrap a sentence)."""
CONTEXT = 240
"""At most this many characters of the sentence on either side of the quote."""


class SourceTexts:
    """Each excerpt's text, read once when the server starts."""

    def __init__(self, dataset: BuiltDataset) -> None:
        rows = dataset.store.query(
            f"""SELECT ?excerpt ?file WHERE {{ GRAPH <{PROVENANCE_GRAPH}> {{
              ?excerpt <{PREFIXES["oa"]}hasSource> ?document .
              ?document <{PREFIXES["ikg"]}textFile> ?file }} }}"""
        )
        files = {s["excerpt"].value: s["file"].value for s in rows}  # type: ignore[index, union-attr]
        texts: dict[str, str] = {}
        for name in set(files.values()):
            kept = f"{SOURCES}/{PurePosixPath(name).name}"
            if kept in dataset.manifest.outputs:
                texts[name] = dataset.export_bytes(kept).decode("utf-8")
        self._texts = {excerpt: texts[name] for excerpt, name in files.items() if name in texts}

    def around(self, excerpt: str, start: int | None, end: int | None) -> tuple[str, str]:
        """The rest of the sentence before and after the quote at `start`–`end` (empty when
        the text or the offsets are unknown), whitespace collapsed, long ones cut with `…`."""
        text = self._texts.get(excerpt)
        if text is None or start is None or end is None or not 0 <= start <= end <= len(text):
            return "", ""
        window = max(0, start - 4 * CONTEXT)  # the lookahead must see past `start`: no endpos
        ends = (m.end() for m in _ENDS.finditer(text, window) if m.end() <= start)
        opening = max(ends, default=window)
        closing = _ENDS.search(text, end)
        lead = " ".join(text[opening:start].split())
        tail = " ".join(text[end : closing.end() if closing else len(text)].split())
        if len(lead) > CONTEXT:
            lead = "…" + lead[-CONTEXT:]
        if len(tail) > CONTEXT:
            tail = tail[:CONTEXT] + "…"
        space_before = " " if text[start - 1 : start].isspace() and lead else ""
        space_after = " " if text[end : end + 1].isspace() and tail else ""
        return lead + space_before, space_after + tail
