"""``NamedTuple``, as ``typing.NamedTuple`` is written and makes classes, without its check of each
field's annotation.

The class statement is typing's (``class Span(NamedTuple):`` with annotated fields, defaults,
methods and a docstring) and the class made is the same: ``collections.namedtuple``'s, with the
statement's methods and docstring set on it, as typing does. What typing adds is a check of every
annotation, and under ``from __future__ import annotations`` (every module of tmcheck) an annotation
is a string, which that check compiles (a ForwardRef): a third of the cost of making the class, and
tmcheck's ~50 classes are made at every start of ``tmcheck lint``. Here the annotations are kept as
written, unchecked (type checkers read the source, not them).
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING

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
        cls = collections.namedtuple(typename, list(annotations), defaults=[ns[n] for n in default_names],
                                     module=ns["__module__"])
        cls.__annotations__ = cls.__new__.__annotations__ = dict(annotations)
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in _SPECIAL and key not in cls._fields:
                setattr(cls, key, value)
        return cls


if TYPE_CHECKING:
    from typing import NamedTuple
else:
    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
