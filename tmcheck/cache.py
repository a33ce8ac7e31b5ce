"""A compiled-data cache: parse YAML once, load a pickle on every later run.

Keyed by tmcheck's version and each source file's path, size and modification time, so that any edit
rebuilds it. Lives in $TMCHECK_CACHE_DIR, else $XDG_CACHE_HOME/tmcheck, else ~/.cache/tmcheck; a
cache that cannot be written only costs speed.

A file holds the pickle, then the buffers it keeps out of band (pickle protocol 5: large parts read
only on demand, such as each language's half of the compiled glossary, glossary/model.py ByLanguage).
It is mapped, not read: a part no run asks for is never read from the disk nor copied, and the
pickle unpickles its buffers as views of the mapping.
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
from pathlib import Path
from typing import Callable, TypeVar

from . import __version__
from .digests import sha256

T = TypeVar("T")

# In every key: a file of another layout is never read. Raised whenever what is pickled changes
# shape within a version (3: the glossary's forms keyed by prefix, glossary.index.FormIndex; 4:
# TM503's phrases counted in lanes of bits, memory.phrases.Phrases; 5: the glossary's prefixes
# keyed as read with a space for what is no word character, glossary.index.FormIndex): a
# language's half is unpickled only when first asked, too late for a stale file to be rebuilt.
FORMAT = 5
_MAGIC = b"tmcheck2"
_COUNT = struct.Struct("<8sQ")  # the magic, how many buffers follow the pickle


def cache_dir() -> Path:
    explicit = os.environ.get("TMCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tmcheck"


# What this process has loaded, by cache file: a large file is checked slice by slice, and each
# slice asks again for the house-style rules and the memories' phrases. Callers never change them.
_LOADED: dict[Path, object] = {}


def cache_path(kind: str, files: list[Path], suffix: str) -> Path:
    """Where what is built from ``files`` is kept: named by the folders the files are in (which
    glossary, which memories), then by tmcheck's version and each file's path, size and
    modification time, so that any edit (or upgrade) builds it again."""
    resolved = _resolved(files)
    where = sha256("|".join([kind, *sorted({parent for _, parent in resolved})]).encode())
    h = sha256(f"{kind}|{__version__}|{FORMAT}".encode())
    for f, (r, _) in zip(files, resolved):
        st = f.stat()
        h.update(f"{r}|{st.st_size}|{st.st_mtime_ns}".encode())
    return cache_dir() / f"{kind}-{where.hexdigest()[:8]}-{h.hexdigest()[:16]}{suffix}"


def _resolved(files: list[Path]) -> list[tuple[str, str]]:
    """``(str(f.resolve()), str(f.resolve().parent))`` of each file. Every lint names a few dozen
    files in a few folders (the glossary's, its code's): each folder's real path is found once,
    and a file that is no symbolic link is its folder's real path and its name (resolve() walks
    every part of every path in Python)."""
    folders: dict[Path, str] = {}
    out = []
    for f in files:
        if os.path.islink(f):
            r = f.resolve()
            out.append((str(r), str(r.parent)))
            continue
        parent = f.parent
        real = folders.get(parent)
        if real is None:
            real = folders[parent] = str(parent.resolve())
        out.append((os.path.join(real, f.name), real))
    return out


def drop_older(path: Path) -> None:
    """Remove the files an earlier state of the same sources left (the glossary before its last
    edit): each edit would otherwise leave one behind, a compiled glossary is megabytes. A file
    another process has mapped stays readable to it (POSIX); one that cannot be removed is left."""
    kind_and_where = path.name[:path.name.rindex("-") + 1]
    for old in path.parent.glob(f"{kind_and_where}*{path.suffix}"):
        if old != path and old.name[len(kind_and_where):].count("-") == 0:
            try:
                old.unlink()
            except OSError:
                pass


def cached(kind: str, files: list[Path], build: Callable[[], T], enabled: bool = True) -> T:
    path = cache_path(kind, files, ".pickle")
    if enabled and path in _LOADED:
        return _LOADED[path]
    if enabled and path.exists():
        try:
            value = _read(path)
            _LOADED[path] = value
            return value
        except Exception:
            pass  # stale or truncated: rebuilt below
    value = build()
    if enabled:
        import tempfile  # only when writing

        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-")
            with os.fdopen(fd, "wb") as fh:
                _write(value, fh)
            os.replace(tmp, path)
            drop_older(path)
        except OSError:
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
        _LOADED[path] = value
    return value


def _write(value, fh) -> None:
    """The magic, the number of out-of-band buffers, the length of the pickle and of each buffer,
    then the pickle and the buffers."""
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    fh.write(_COUNT.pack(_MAGIC, len(raws)))
    fh.write(struct.pack(f"<{len(raws) + 1}Q", len(data), *(r.nbytes for r in raws)))
    fh.write(data)
    for raw in raws:
        fh.write(raw)


def _read(path: Path):
    with open(path, "rb") as fh:
        view = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))  # an empty file: ValueError
    magic, count = _COUNT.unpack_from(view)
    if magic != _MAGIC:
        raise ValueError(f"{path}: not a tmcheck cache file")
    at = _COUNT.size + 8 * (count + 1)
    parts = []
    for length in struct.unpack_from(f"<{count + 1}Q", view, _COUNT.size):
        parts.append(view[at:at + length])
        at += length
    if at != len(view):
        raise ValueError(f"{path}: truncated")
    return pickle.loads(parts[0], buffers=parts[1:])
