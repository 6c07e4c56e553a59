"""The build's on-disk store, written on a second core while the build goes on.

pyoxigraph's bulk loader holds the GIL while it takes Python quads (`bulk_extend`), but not while
it parses a file (`bulk_load`): the quads are written out as N-Quads at once (a Rust loop, into a
file rather than memory, which at a million triples is hundreds of megabytes), and a thread loads
them. At a million triples the store takes about ten seconds that the build no longer waits for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import ExportError


class StoreWriter:
    """Writes `quads` into a new store at `path`: staged now, loaded once `start()`ed, done
    once `wait()` returns.

    The store is closed once its loader is done, on success and on failure alike, and an
    interrupted build waits for it (`close()`), so no store writes files into a removed folder.

    :raises ExportError: the quads cannot be written out for the loader.
    """

    def __init__(self, path: Path, quads: Iterable[ox.Quad]) -> None:
        self.path = path
        self.quads = 0
        """How many quads the store holds."""
        self._staged = path.with_name(path.name + ".nq")
        self._error: BaseException | None = None
        try:
            ox.serialize(self._counted(quads), self._staged, ox.RdfFormat.N_QUADS)
        except OSError as exc:
            raise ExportError(f"{self._staged}: cannot write ({exc.strerror or exc})") from None
        self._thread = threading.Thread(target=self._load, name="store writer")

    def start(self) -> None:
        """Load the staged quads from now on, in a thread of its own."""
        self._thread.start()

    def _counted(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        for self.quads, quad in enumerate(quads, 1):
            yield quad

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
        already); the staged quads are removed either way."""
        if self._thread.ident is not None:
            self._thread.join()
        self._staged.unlink(missing_ok=True)
