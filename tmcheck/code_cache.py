"""The methods that namedtuple and dataclasses write for each class, compiled once, not at every start.

``collections.namedtuple`` writes the source of each class's ``__new__`` and evaluates it;
``dataclasses`` writes each class's ``__init__``, ``__repr__`` and ``__eq__`` and executes it. Parsing
and compiling those ~80 small functions is about a tenth of the instructions of a cold ``tmcheck
lint`` beyond Python and Click (~60 named tuples and ~10 dataclasses are made as its modules are
imported). The command line keeps their code objects in tmcheck's cache folder, by source text, and
gives those two modules of the standard library an ``eval`` and an ``exec`` that look the source up
there first: the same functions, without the parse.

Only the command line installs this (a program importing tmcheck as a library keeps the standard
ones), before tmcheck's modules make their classes. The file is keyed by the interpreter's bytecode
magic number (marshal's format of code objects), so another Python never reads it; a file that cannot
be read is ignored, one that cannot be written only costs speed; the entries are bounded by
``MAX_ENTRIES``. ``TMCHECK_CODE_CACHE=0`` turns it off.
"""

from __future__ import annotations

import atexit
import builtins
import collections
import dataclasses
import marshal
import os
import sys
import tempfile
from importlib.util import MAGIC_NUMBER

MAX_ENTRIES = 2000  # tmcheck's own classes need ~150; past this, the file starts again

_codes: dict = {}  # (mode, source) -> code object
_state = {"new": False, "installed": False}


def install() -> None:
    if _state["installed"] or os.environ.get("TMCHECK_CODE_CACHE") == "0":
        return
    _state["installed"] = True
    path = _path(MAGIC_NUMBER)
    _load(path)
    # A module's own global shadows the builtin for that module's code only: namedtuple's eval
    # and dataclasses' exec (each their module's only call of it).
    collections.eval = _eval
    dataclasses.exec = _exec
    atexit.register(_save, path, os.getpid())


def _compiled(source: str, mode: str):
    key = (mode, source)
    code = _codes.get(key)
    if code is None:
        # As eval and exec compile a string: no __future__ flag of this module inherited (the
        # annotations of a dataclass's __init__ stay objects, not strings).
        code = compile(source, "<string>", mode, dont_inherit=True)
        if len(_codes) >= MAX_ENTRIES:
            _codes.clear()
        _codes[key] = code
        _state["new"] = True
    return code


def _eval(source, globals=None, locals=None, /):
    if isinstance(source, str):
        source = _compiled(source.lstrip(" \t"), "eval")  # eval drops a string's leading blanks
    if globals is None:  # the caller's namespaces, as the builtin takes them (its caller is this function)
        globals, locals = _callers(locals)
    return builtins.eval(source, globals, locals)


def _exec(source, globals=None, locals=None, /):
    if isinstance(source, str):
        source = _compiled(source, "exec")
    if globals is None:
        globals, locals = _callers(locals)
    return builtins.exec(source, globals, locals)


def _callers(locals):
    frame = sys._getframe(2)
    return frame.f_globals, frame.f_locals if locals is None else locals


def _path(magic: bytes):
    # tmcheck's own modules only once install() runs (with TMCHECK_CODE_CACHE=0, none from here)
    from .cache import cache_dir

    tag = sys.implementation.cache_tag or "python"
    return cache_dir() / f"code-{tag}-{magic.hex()}.marshal"


def _load(path) -> None:
    try:
        with open(path, "rb") as fh:
            data = marshal.load(fh)
    except Exception:  # absent, truncated, or written by something else: compiled afresh
        return
    if isinstance(data, dict):
        _codes.update(data)


def _save(path, pid: int) -> None:
    """Write the entries back when this run compiled new ones (never from a forked worker)."""
    if not _state["new"] or os.getpid() != pid:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".code-")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(_codes, fh)
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError):  # ValueError: an object marshal cannot write (never from compile)
        pass
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
