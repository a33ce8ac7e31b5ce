"""tmcheck.named_tuples.NamedTuple makes the class typing.NamedTuple makes (fields, defaults, methods,
docstring, pickling), without typing's check of each annotation."""

from __future__ import annotations

import pickle
import typing

import pytest

from tmcheck.named_tuples import NamedTuple


class Ours(NamedTuple):
    """A span of a paragraph."""

    start: int
    end: int
    label: str = "TM101"

    def length(self) -> int:
        return self.end - self.start


class Theirs(typing.NamedTuple):
    """A span of a paragraph."""

    start: int
    end: int
    label: str = "TM101"

    def length(self) -> int:
        return self.end - self.start


def test_the_same_class_as_typing_makes():
    ours, theirs = Ours(3, 9), Theirs(3, 9)
    assert Ours._fields == Theirs._fields == ("start", "end", "label")
    assert Ours._field_defaults == Theirs._field_defaults == {"label": "TM101"}
    assert Ours.__doc__ == Theirs.__doc__
    assert tuple(ours) == tuple(theirs) and ours.length() == theirs.length() == 6
    assert ours._replace(label="TM302") == (3, 9, "TM302")
    assert ours._asdict() == theirs._asdict()
    assert repr(ours) == repr(theirs).replace("Theirs", "Ours")
    assert pickle.loads(pickle.dumps(ours)) == ours and type(pickle.loads(pickle.dumps(ours))) is Ours
    assert Ours.__module__ == __name__ and Ours.__annotations__ == {"start": "int", "end": "int", "label": "str"}


def test_what_typing_refuses_is_refused():
    with pytest.raises(TypeError):
        class Wrong(NamedTuple):
            start: int = 0
            end: int
    with pytest.raises(AttributeError):
        class Clash(NamedTuple):
            start: int

            def _replace(self):
                return self
