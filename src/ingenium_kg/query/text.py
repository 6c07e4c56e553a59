"""What can be read of a SPARQL text without a parser, and how the engine's syntax errors read.

The saved queries and the server's endpoint both need a query's form, its variables and whether
it calls SERVICE or names its own dataset before the engine sees it; syntax errors are left to
the engine, which reports them with a line and a column.
"""

from __future__ import annotations

import re

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
"""The keywords an update opens with: what a read-only reader refuses."""

_NOISE = re.compile(
    r'#[^\n]*|<[^<>\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)
"""Comments, IRIs and strings: where a keyword or a `?name` is not one."""
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)*", re.IGNORECASE)
_OPENING = re.compile(r"[A-Za-z]*")
_ENGINE_ERROR = r"(?s)error at (\d+):(\d+): (.*)"
"""Compiled when first needed (`re` keeps it): an error is not on a query's fast path."""


def blank_noise(text: str) -> str:
    """`text` with its comments, IRIs and strings blanked out, position for position: where
    keywords and variables can be looked for, at the offsets they have in `text`."""
    return _NOISE.sub(lambda m: " " * len(m.group()), text)


def prologue_end(blanked: str) -> int:
    """Where the body starts, past the PREFIX and BASE declarations of a blanked text."""
    return _PROLOGUE.match(blanked).end()  # type: ignore[union-attr]


def opening_keyword(blanked: str) -> str:
    """The keyword the body opens with, upper-cased (`SELECT`, `INSERT`, …; `` when none)."""
    return _OPENING.match(blanked, prologue_end(blanked))[0].upper()  # type: ignore[index]


def uses_keyword(blanked: str, word: str) -> bool:
    """Whether a blanked text uses `word` as a keyword, not in a variable (`?service`) or a
    prefixed name (`ex:from`)."""
    return re.search(rf"(?<![?$:\w]){word}(?![\w:])", blanked, re.IGNORECASE) is not None


def variables(blanked: str) -> frozenset[str]:
    """The names of a blanked text's variables (`?x` and `$x`)."""
    return frozenset(re.findall(r"[?$](\w+)", blanked))


def syntax_message(error: SyntaxError) -> str:
    """The engine's syntax error as `SPARQL syntax error at line L, column C: reason`."""
    text = str(error)
    match = re.search(_ENGINE_ERROR, text)
    if match is None:
        return f"SPARQL syntax error: {' '.join(text.split())}"
    line, column, reason = match.groups()
    return f"SPARQL syntax error at line {line}, column {column}: {' '.join(reason.split())}"
