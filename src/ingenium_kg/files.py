"""Writing files the way Unix tools do: all or nothing, and never replacing what is not a file.

`write_atomic` is for files the project owns (the build, caches): a temporary file beside the
target, then one rename. `write_output` is for what the user names with `-o`: a regular file is
replaced atomically with its mode kept, a symlink has its target written (the link stays), a
device or FIFO is written directly (`-o /dev/stdout`, `-o /dev/full`), and a directory is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import ExportError


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` so that a failure or Ctrl-C leaves the old file (or no file).

    The file gets `mode`, or what a plain `open()` would give a new file under the umask.

    :raises ExportError: when the directory is missing or the file cannot be written.
    """
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); an output is meant to be read like any file
        Path(temp).chmod(_default_mode() if mode is None else mode)
        Path(temp).replace(path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes) -> None:
    """Write `data` where the user asked: see the module docstring for each kind of path.

    :raises ExportError: a directory, a dangling directory, or a write that failed (the
        target is then as it was, unless it is a device or a FIFO).
    """
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if info is None or stat.S_ISREG(info.st_mode):
        mode = None if info is None else stat.S_IMODE(info.st_mode)
        write_atomic(target, data, mode=mode)
    elif stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{path}: is a directory; give a file name")
    else:  # a device, a FIFO or a socket: there is nothing to replace, only to write to
        try:
            with target.open("wb") as stream:
                stream.write(data)
        except OSError as exc:
            raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError) -> ExportError:
    return ExportError(f"{path}: cannot write ({exc.strerror or exc})")


def _default_mode() -> int:
    """The mode a plain `open()` would give a new file under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
