"""A compiled-data cache: parse YAML once, load a pickle on every later run.

Keyed by tmcheck's version and each source file's path, size and modification time, so that any edit
rebuilds it. Lives in $TMCHECK_CACHE_DIR, else $XDG_CACHE_HOME/tmcheck, else ~/.cache/tmcheck; a
cache that cannot be written only costs speed.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

from . import __version__
from .digests import sha256

T = TypeVar("T")


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
    """Where what is built from ``files`` is kept: named by tmcheck's version and each file's path,
    size and modification time, so that any edit (or upgrade) builds it again."""
    h = sha256(f"{kind}|{__version__}".encode())
    for f in files:
        st = f.stat()
        h.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return cache_dir() / f"{kind}-{h.hexdigest()[:24]}{suffix}"


def cached(kind: str, files: list[Path], build: Callable[[], T], enabled: bool = True) -> T:
    path = cache_path(kind, files, ".pickle")
    if enabled and path in _LOADED:
        return _LOADED[path]
    if enabled and path.exists():
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
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
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
        _LOADED[path] = value
    return value
