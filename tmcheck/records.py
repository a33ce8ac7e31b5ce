"""``Record``: the base of a class of named, mutable fields that has a dataclass's ``__repr__`` and
``__eq__``, for the classes every ``tmcheck lint`` makes at start (the engine's options, results,
config, the glossary). Making a dataclass compiles its ``__init__``, ``__repr__`` and ``__eq__`` at
every start (1.5M to 4M instructions a class, of ~400M for a cold lint of a short draft); a record
writes its ``__init__`` and names its fields once."""

from __future__ import annotations


class Record:
    # The fields, in order, as a dataclass's repr shows and its eq compares them; SHOWN and
    # COMPARED, where a field has repr=False or compare=False.
    FIELDS: tuple[str, ...] = ()
    SHOWN: tuple[str, ...] | None = None
    COMPARED: tuple[str, ...] | None = None

    def __repr__(self) -> str:
        shown = self.FIELDS if self.SHOWN is None else self.SHOWN
        return f"{type(self).__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = self.FIELDS if self.COMPARED is None else self.COMPARED
        return tuple(getattr(self, name) for name in compared) == tuple(getattr(other, name) for name in compared)

    __hash__ = None  # as a dataclass with eq and not frozen: mutable, so unhashable


# The default of a field that is a new empty list or dict in each record (a dataclass's
# default_factory): ``self.x = [] if x is NEW else x``, never one mutable default shared by all.
NEW: list = []
