"""Regular expressions compiled once, not at every start.

Parsing and compiling tmcheck's ~150 patterns (many with large Unicode classes) is the largest single
cost of a cold ``tmcheck lint`` after Python itself. CPython compiles a pattern in two steps: its
parser and code generator (pure Python, the slow part) make a list of integers, then ``_sre.compile``
turns that list into a pattern object in C. The command line keeps the lists in tmcheck's cache
folder and hands them straight to ``_sre.compile`` on later runs: the same pattern objects, without
the parse.

Only the command line installs this, before it imports Click, whose modules and the standard ones
they import compile patterns of their own at import (a program importing tmcheck as a library keeps
the standard ``re``). The cache is keyed by the interpreter's bytecode tag and the engine's magic number, so
another Python never reads it; a file that cannot be read is ignored, one that cannot be written
only costs speed; patterns built from user data (glossary terms) are bounded by ``MAX_ENTRIES``.
``TMCHECK_REGEX_CACHE=0`` turns it off.
"""

from __future__ import annotations

import atexit
import os
import pickle
import sys
from array import array

MAX_ENTRIES = 4000  # tmcheck's own patterns are ~150; past this, the file starts again
_CODE_UNIT = "I"  # array's type of _sre's code units (unsigned, of _sre.CODESIZE bytes)
FORMAT = 2  # in the file's name: a cache of another layout (lists of ints) is never read

_entries: dict = {}
_state = {"new": False, "installed": False}


def install() -> None:
    if _state["installed"] or os.environ.get("TMCHECK_REGEX_CACHE") == "0":
        return
    # CPython's own modules, absent elsewhere: the standard compile stays there
    try:
        import _sre
        import re._compiler as compiler
    except ImportError:  # another Python implementation: the standard compile stays
        return
    if array(_CODE_UNIT).itemsize != _sre.CODESIZE:  # a platform whose C int is not _sre's code unit
        return
    _state["installed"] = True
    path = _path(_sre)
    _load(path)
    original = compiler.compile

    def compile(p, flags=0):
        if not isinstance(p, (str, bytes)) or flags & compiler.SRE_FLAG_DEBUG:
            return original(p, flags)
        key = (type(p) is bytes, p, int(flags))
        entry = _entries.get(key)
        if entry is None:
            parsed = compiler._parser.parse(p, flags)
            # Kept as the bytes of an array of C ints, _sre's own code units: one object to unpickle
            # per pattern, not a list of a few hundred ints (the cache holds every pattern any
            # command compiled; a run turns back into lists only those it compiles).
            code = array(_CODE_UNIT, compiler._code(parsed, flags)).tobytes()
            groupindex = dict(parsed.state.groupdict)
            indexgroup = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
            if len(_entries) >= MAX_ENTRIES:
                _entries.clear()
            _entries[key] = entry
            _state["new"] = True
        final_flags, code, groups, groupindex, indexgroup = entry
        return _sre.compile(p, final_flags, array(_CODE_UNIT, code).tolist(), groups, groupindex, indexgroup)

    compiler.compile = compile
    atexit.register(_save, path, os.getpid())


def _path(_sre):
    # tmcheck's own modules only once install() runs (with TMCHECK_REGEX_CACHE=0, none from here)
    from .cache import cache_dir

    tag = sys.implementation.cache_tag or "python"
    return cache_dir() / f"regex-{tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{FORMAT}.pickle"


def _load(path) -> None:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except Exception:  # absent, truncated, or written by something else: compiled afresh
        return
    if isinstance(data, dict):
        _entries.update(data)


def _save(path, pid: int) -> None:
    """Write the entries back when this run compiled new ones (never from a forked worker)."""
    if not _state["new"] or os.getpid() != pid:
        return
    import tempfile  # only when new patterns are written (it imports shutil, random, bz2, lzma...)

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(_entries, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
