"""Where builds live: each in a folder of its own, `dist` a symlink to the current one.

A build writes a new folder under `.dist.builds/` (beside `dist`) and then points `dist` at it
with one rename of a symlink, so a reader resolving `dist` gets one whole build, never a mix.
A reader holds a shared `flock` on the folder it resolved for as long as it reads it; after
each swap the builder removes every older folder that no one holds, and leaves the others to a
later build. Builders take turns (an exclusive `flock` on `.dist.builds/`) to create, install
and remove folders, so no build removes one that another build is writing or has just put in
place. (POSIX only: symlinks and `flock`.)
"""

from __future__ import annotations

import fcntl
import itertools
import os
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

_ATTEMPTS = 8
"""Times a reader resolves again when the folder it found was removed before it held it (each
retry needs another build to have been swapped in meanwhile)."""
_REMOVING = ".removing"
"""Suffix of a folder being removed: renamed first, so a build's name never shows half of it."""
_SERIAL = itertools.count()


class Hold:
    """A shared lock on one build folder: while it is held, no build removes the folder.

    Released by `release`, at the end of a `with` block, or when the object is collected.
    """

    def __init__(self, folder: Path, fd: int) -> None:
        self.folder = folder
        """The build's own folder (symlinks resolved)."""
        self._close = weakref.finalize(self, os.close, fd)

    def release(self) -> None:
        """Let the folder go: the next build may remove it (again: nothing happens)."""
        self._close()

    def __enter__(self) -> Hold:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def builds_folder(out: Path) -> Path:
    """The folder holding the builds that `out` (dist) points to: `.dist.builds` beside it."""
    return out.with_name(f".{out.name}.builds")


def hold(path: Path) -> Hold:
    """The build folder `path` names (`dist`, resolved once), held shared.

    :raises OSError: no folder there (FileNotFoundError), or not a folder.
    """
    for _ in range(_ATTEMPTS):
        folder = Path(os.path.realpath(path))
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            if Path(os.path.realpath(path)) == folder:
                raise  # not a build removed under us: there is none
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a build renames it away
            if _is_at(fd, folder):
                return Hold(folder, fd)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    raise FileNotFoundError(f"{path}: every build found was removed before it could be read")


def new_build(out: Path) -> Hold:
    """A new empty folder for the next build of `out`, held until the build is installed.

    :raises OSError: the folder cannot be made.
    """
    builds = builds_folder(out)
    builds.mkdir(parents=True, exist_ok=True)
    with _turn(builds):
        folder = builds / _new_name()
        folder.mkdir()
        return hold(folder)


def install(build: Hold, out: Path) -> None:
    """Point `out` at `build`'s folder (one rename), remove the old builds no one holds, and
    release `build` (from then on it is kept while it is `out`'s, or held by a reader).

    An `out` that is a real folder (a build made before builds had folders of their own) is
    moved among the builds first: until the symlink replaces it a moment later, `out` is
    missing. An empty folder is removed instead.
    """
    builds = build.folder.parent
    link = out.with_name(f".{out.name}.link-{_new_name()}")
    link.unlink(missing_ok=True)  # left by a process killed here that had our pid
    link.symlink_to(Path(builds.name, build.folder.name))  # relative: the project can move
    try:
        with _turn(builds):
            if out.is_dir() and not out.is_symlink():
                if any(out.iterdir()):
                    out.rename(builds / _new_name())
                else:
                    out.rmdir()
            link.replace(out)
            with suppress(OSError):  # installed: what is not removed now, a later build removes
                for entry in os.scandir(builds):
                    if entry.name != build.folder.name and entry.is_dir(follow_symlinks=False):
                        _remove_unheld(Path(entry.path))
    finally:
        link.unlink(missing_ok=True)
    build.release()


def discard(build: Hold) -> None:
    """Remove the folder of a build that was not installed (it is held: no one else removes it)."""
    import shutil  # only builds remove folders: a cold query does not load it

    shutil.rmtree(build.folder, ignore_errors=True)
    build.release()


def _remove_unheld(folder: Path) -> None:
    """Remove an old build folder (or what a removal left) unless someone holds it; one that
    cannot be removed now is left to a later build."""
    import shutil

    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if not folder.name.endswith(_REMOVING):
            folder = folder.rename(folder.with_name(folder.name + _REMOVING))
    except OSError:  # BlockingIOError: still read
        return
    finally:
        os.close(fd)  # a reader waiting for it then finds the folder gone and resolves again
    shutil.rmtree(folder, ignore_errors=True)


def _new_name() -> str:
    """A new build's folder name: sortable by time, unique among processes and threads."""
    return f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{os.getpid()}-{next(_SERIAL)}"


def _is_at(fd: int, folder: Path) -> bool:
    """Whether the open folder `fd` still is the one at `folder` (not renamed away to go)."""
    try:
        here = folder.stat()
    except FileNotFoundError:
        return False
    there = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


@contextmanager
def _turn(builds: Path) -> Iterator[None]:
    """One build at a time creates, installs and removes the folders in `builds`."""
    fd = os.open(builds, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
