"""``NamedTuple``, as ``typing.NamedTuple`` is written and makes classes, without its check of each
field's annotation.

The class statement is typing's (``class Span(NamedTuple):`` with annotated fields, defaults,
methods and a docstring) and the class made is the same: ``collections.namedtuple``'s, with the
statement's methods and docstring set on it, as typing does. What typing adds is a check of every
annotation, and under ``from __future__ import annotations`` (every module of tmcheck) an annotation
is a string, which that check compiles (a ForwardRef): a third of the cost of making the class, and
tmcheck's ~50 classes are made at every start of ``tmcheck lint``. Here the annotations are kept as
written, unchecked (type checkers read the source, not them).

The class itself is made as ``collections.namedtuple`` makes it (same methods, names, docstrings),
except its ``__new__``: namedtuple compiles a lambda for each class (~40% of its cost); here one
lambda is compiled per number of fields and each class's ``__new__`` is that code with the class's
field names (``CodeType.replace``), the same function but for where it was compiled.
"""

from __future__ import annotations

import sys
from collections import namedtuple
from operator import itemgetter
from types import FunctionType
from typing import TYPE_CHECKING

try:  # as collections does: its C accessor, else a property
    from _collections import _tuplegetter
except ImportError:  # another Python implementation
    def _tuplegetter(index, doc):
        return property(itemgetter(index), doc=doc)

# As typing's NamedTupleMeta: names a class statement may not define, and names it defines that are
# the class's own already.
_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make",
                         "_replace", "_asdict", "_source"})
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})


class _NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        if bases != (NamedTuple,):
            raise TypeError("a NamedTuple class has NamedTuple as its only base")
        if "__annotations__" not in ns and "__annotate__" in ns:
            # Python 3.14 keeps a module's annotations in a function unless the module has
            # `from __future__ import annotations` (as every module of tmcheck has): no fields here.
            raise TypeError(f"{typename}: a NamedTuple needs `from __future__ import annotations` in its module")
        annotations = ns.get("__annotations__", {})
        default_names = []
        for name in annotations:
            if name in ns:
                default_names.append(name)
            elif default_names:
                raise TypeError(f"Non-default namedtuple field {name} cannot follow default field"
                                f"{'s' if len(default_names) > 1 else ''} {', '.join(default_names)}")
        cls = _namedtuple(typename, tuple(annotations), tuple(ns[n] for n in default_names), ns["__module__"])
        cls.__annotations__ = cls.__new__.__annotations__ = dict(annotations)
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in _SPECIAL and key not in cls._fields:
                setattr(cls, key, value)
        return cls


_NEW_CODE: dict = {}  # number of fields -> the code of namedtuple's __new__ for that many


def _namedtuple(typename: str, field_names: tuple[str, ...], defaults: tuple, module: str):
    """``collections.namedtuple(typename, field_names, defaults=defaults, module=module)`` for
    fields that are identifiers (annotations are), its __new__ made without compiling."""
    if not field_names or any(name.startswith("_") for name in field_names) or len(set(field_names)) != len(field_names):
        # what namedtuple refuses (or, with no field, makes differently): it says so itself
        return namedtuple(typename, field_names, defaults=defaults, module=module)
    field_names = tuple(map(sys.intern, field_names))
    typename = sys.intern(typename)
    num_fields = len(field_names)
    arg_list = ", ".join(field_names) + ("," if num_fields == 1 else "")
    namespace = {"_tuple_new": tuple.__new__, "__builtins__": {}, "__name__": f"namedtuple_{typename}"}
    code = _NEW_CODE.get(num_fields)
    if code is None:
        args = ", ".join(f"f{i}" for i in range(num_fields)) + ("," if num_fields == 1 else "")
        code = _NEW_CODE[num_fields] = eval(f"lambda _cls, {args}: _tuple_new(_cls, ({args}))", dict(namespace)).__code__
    __new__ = FunctionType(code.replace(co_varnames=("_cls", *field_names)), namespace)
    __new__.__name__ = "__new__"
    __new__.__doc__ = f"Create new instance of {typename}({arg_list})"
    __new__.__defaults__ = defaults  # as namedtuple sets a list of defaults given, even empty
    __new__.__qualname__ = f"{typename}.__new__"
    field_defaults = dict(zip(field_names[num_fields - len(defaults):], defaults)) if defaults else {}
    # The rest as namedtuple writes it.
    repr_fmt = "(" + ", ".join(f"{name}=%r" for name in field_names) + ")"
    tuple_new = tuple.__new__
    _dict, _tuple, _len, _map, _zip = dict, tuple, len, map, zip

    @classmethod
    def _make(cls, iterable):
        result = tuple_new(cls, iterable)
        if _len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    _make.__func__.__doc__ = f"Make a new {typename} object from a sequence or iterable"

    def _replace(self, /, **kwds):
        result = self._make(_map(kwds.pop, field_names, self))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    _replace.__doc__ = f"Return a new {typename} object replacing specified fields with new values"

    def __repr__(self):
        "Return a nicely formatted representation string"
        return self.__class__.__name__ + repr_fmt % self

    def _asdict(self):
        "Return a new dict which maps field names to their values."
        return _dict(_zip(self._fields, self))

    def __getnewargs__(self):
        "Return self as a plain tuple.  Used by copy and pickle."
        return _tuple(self)

    for method in (_make.__func__, _replace, __repr__, _asdict, __getnewargs__):
        method.__qualname__ = f"{typename}.{method.__name__}"
    class_namespace = {
        "__doc__": f"{typename}({arg_list})",
        "__slots__": (),
        "_fields": field_names,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": field_names,
    }
    for index, name in enumerate(field_names):
        class_namespace[name] = _tuplegetter(index, sys.intern(f"Alias for field number {index}"))
    result = type(typename, (tuple,), class_namespace)
    result.__module__ = module
    return result


if TYPE_CHECKING:
    from typing import NamedTuple
else:
    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
