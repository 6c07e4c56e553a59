"""The build's on-disk store, written on a second core while the build goes on.

pyoxigraph's bulk loader holds the GIL while it takes Python quads (`bulk_extend`), but not while
it parses a file (`bulk_load`). So the data is staged at once as one N-Quads file in the build's
folder (not in memory: at a million triples that is hundreds of megabytes), and a thread loads
it. At a million triples the store takes about ten seconds that the build no longer waits for.

The named graphs are staged without a Python quad made for each triple (two seconds at a
million): pyoxigraph writes their triples as N-Triples, and each line gets its graph's name.
A line ends in " .\n" and nowhere else, since N-Triples escapes the line breaks of literals.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import ExportError


class StoreWriter:
    """Writes `graphs` (IRI -> triples) and `quads` into a new store at `path`: staged now,
    loaded once `start()`ed, done once `wait()` returns.

    The store is closed once its loader is done, on success and on failure alike, and an
    interrupted build waits for it (`close()`), so no store writes files into a removed folder.

    :raises ExportError: the data cannot be staged for the loader.
    """

    def __init__(
        self, path: Path, graphs: Mapping[str, Sequence[ox.Triple]], quads: Sequence[ox.Quad]
    ) -> None:
        self.path = path
        self.quads = len(quads) + sum(len(triples) for triples in graphs.values())
        """How many quads the store holds."""
        self._staged = path.with_name(path.name + ".nq")
        self._error: BaseException | None = None
        try:
            with self._staged.open("wb") as out:
                for name, triples in graphs.items():
                    _write_graph(out, triples, name)
                out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
        except OSError as exc:
            self._staged.unlink(missing_ok=True)
            raise ExportError(f"{self._staged}: cannot write ({exc.strerror or exc})") from None
        self._thread = threading.Thread(target=self._load, name="store writer")

    def start(self) -> None:
        """Load the staged data from now on, in a thread of its own."""
        self._thread.start()

    def _load(self) -> None:
        try:
            store = ox.Store(str(self.path))
            try:
                store.bulk_load(path=self._staged, format=ox.RdfFormat.N_QUADS)
                store.flush()
            finally:
                del store
        except OSError as exc:  # handed to the thread that waits
            self._error = ExportError(f"{self.path}: cannot write the store ({exc})")
        except BaseException as exc:
            self._error = exc
        finally:
            self._staged.unlink(missing_ok=True)

    def wait(self) -> None:
        """Return once the store is written and closed.

        :raises ExportError: the store could not be written.
        """
        self._thread.join()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Wait for the loader if started, keeping quiet about its error (the build is failing
        already); the staged data is removed either way."""
        if self._thread.ident is not None:
            self._thread.join()
        self._staged.unlink(missing_ok=True)


_CHUNK = 100_000
"""Triples serialised at a time: a few megabytes of N-Triples in memory at once."""


def _write_graph(out: BinaryIO, triples: Sequence[ox.Triple], graph: str) -> None:
    """The N-Quads lines of `triples` in the graph `graph`."""
    end = f" <{graph}> .\n".encode()
    for start in range(0, len(triples), _CHUNK):
        lines = ox.serialize(triples[start : start + _CHUNK], format=ox.RdfFormat.N_TRIPLES)
        out.write((lines or b"").replace(b" .\n", end))
