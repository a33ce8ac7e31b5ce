"""Writing a user's file so that it is never half-written: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .errors import InputError
from .i18n import _


def write_atomically(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure the old file stays as it was."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(_("{path}: cannot write ({reason})").format(path=path, reason=exc.strerror or exc)) from None


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or a new file's usual ones (mkstemp's are owner-only)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _read_all(fd: int) -> bytes:
    """The whole file behind ``fd``, from its start (the descriptor's position is not used)."""
    chunks, offset = [], 0
    while True:
        chunk = os.pread(fd, 1 << 20, offset)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        offset += len(chunk)


def _temp_beside(path: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


class Changed(InputError):
    """The file kept changing under a rewrite, or changed in a way the rewrite could not carry over."""


def rewrite(path: Path, change, attempts: int = 50) -> bytes:
    """Replace the file at ``path`` with ``change(its bytes)`` in one step, losing no write that
    another program (an editor saving the draft) makes meanwhile; returns the bytes it replaced.

    A symbolic link is followed: the file it points to is rewritten and the link stays a link.

    The file is read through a descriptor kept open, the new text written beside it and synced;
    then, until the rename, the file is read again: a text that grew (an editor appending) has the
    change applied afresh and the difference added to the new file, any other edit starts the whole
    write again. The rename itself cannot be guarded (an editor does not take our locks), so the
    replaced file is read once more through the same descriptor afterwards: a write that landed in
    that instant is carried over the same way, never dropped. ``change`` raises InputError when the
    text no longer allows it (the flagged words were edited away), and then nothing is written."""
    try:
        target = Path(os.path.realpath(path))
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=path, reason=exc.strerror or exc)) from None
    original = None
    fd = -1
    try:
        fd = os.open(target, os.O_RDONLY)
        current = _read_all(fd)  # what the file holds
        source = current  # the latest text anyone wrote, which the change applies to
        original = current
        for _attempt in range(attempts):
            new = change(source)
            tmp = _temp_beside(target, new)
            try:
                current, source, new = _catch_up(fd, target, tmp, current, source, new, change)
            except _Restart:
                os.unlink(tmp)
                os.close(fd)
                fd = -1
                fd = os.open(target, os.O_RDONLY)
                current = source = _read_all(fd)
                continue
            except BaseException:
                os.unlink(tmp)
                raise
            os.replace(tmp, target)
            late = _settled(fd)  # the file just replaced, through the descriptor still open on it
            if late == current:
                return original
            # An edit landed on it between the last look and the rename: the writer's text is `late`,
            # and what it appended to the new file since then follows it.
            os.close(fd)
            fd = -1
            fd = os.open(target, os.O_RDONLY)
            now = _read_all(fd)
            if not now.startswith(new):
                raise Changed(_("{path}: the draft was changed twice while the fix was written; the fix is in the "
                                "draft, and the other change is lost unless its program saves it again").format(path=path))
            source, current = late + now[len(new):], now
        raise Changed(_("{path}: the draft keeps changing; the fix was not applied (try again when it is "
                        "saved)").format(path=path))
    except OSError as exc:
        raise InputError(_("{path}: cannot write ({reason})").format(path=path, reason=exc.strerror or exc)) from None
    finally:
        if fd != -1:
            os.close(fd)


# A writer that opened the draft by its name just before the rename writes to the replaced file a
# moment later (on a loaded machine, milliseconds later): the replaced file is read until it has not
# changed for this long, so that such a write is carried over too.
_SETTLE_S = 0.01
_SETTLE_READS = 3  # unchanged over three reads 10 ms apart
_SETTLE_MAX = 50


def _settled(fd: int) -> bytes:
    last, same = _read_all(fd), 0
    for _ in range(_SETTLE_MAX):
        time.sleep(_SETTLE_S)
        now = _read_all(fd)
        same = same + 1 if now == last else 0
        if same >= _SETTLE_READS:
            break
        last = now
    return last


class _Restart(Exception):
    pass


def _catch_up(fd: int, target: Path, tmp: str, current: bytes, source: bytes, new: bytes,
              change) -> tuple[bytes, bytes, bytes]:
    """Bring the new file ``tmp`` up to date with what the file now holds, as long as it only grew:
    (what the file holds, the text the change applies to, what tmp holds) once they agree;
    _Restart for any other edit. What the file holds and the text the change applies to differ
    after a late write was carried over (the file then holds the fix already): what grew is added
    to the latter."""
    for _ in range(10_000):
        if os.stat(target).st_ino != os.fstat(fd).st_ino:
            raise _Restart  # replaced by another program
        now = _read_all(fd)
        if now == current:
            return current, source, new
        if not now.startswith(current):
            raise _Restart
        grown_source = source + now[len(current):]
        grown = change(grown_source)
        if not grown.startswith(new):
            raise _Restart
        with open(tmp, "ab") as fh:  # synced with the rest at the rename's next sync; an append is small
            fh.write(grown[len(new):])
        current, source, new = now, grown_source, grown
    raise _Restart
