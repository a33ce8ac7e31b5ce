"""What a memory store takes and gives, whatever the backend: the pairs imported (:class:`Unit`),
the matches found (:class:`Match`), the facts about a memory, and the progress callback."""

from __future__ import annotations

import hashlib
import time
from typing import Callable

from ...errors import InputError
from ...i18n import _
from ...named_tuples import NamedTuple

FORMAT = 2
LANGS = ("fr", "en")


class NoMemoryYet(InputError):
    """The location exists (a database) but holds no memory yet: reading it is like reading a
    memory file that does not exist."""


class Match(NamedTuple):
    score: int  # 0–100: fuzzy score, or cosine × 100 for a semantic match
    kind: str  # "fuzzy" | "semantic" | "concordance"
    source: str  # the memory segment in the language searched
    target: str  # its stored translation
    memory: str  # the memory's name
    id: int  # the segment's id in its store


class MemoryInfo(NamedTuple):
    name: str
    origin: str
    source_lang: str
    segments: int
    imported: str


class ImportStats(NamedTuple):
    added: int
    duplicates: int
    skipped: int  # empty on one side


class Unit(NamedTuple):
    fr: str
    en: str
    note: str = ""
    # Vectors already computed (a copy between stores): {encoder name: (French blob, English blob)}.
    vectors: dict | None = None


class NullBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


def no_progress(label: str, total: int):
    return NullBar()


ProgressFactory = Callable[[str, int], "NullBar"]


def pair_key(fr_norm: str, en_norm: str) -> bytes:
    return hashlib.blake2b(f"{fr_norm}\x00{en_norm}".encode(), digest_size=16).digest()


def now() -> str:
    """The import time as both backends store it (UTC, to the second)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())


def side(lang: str) -> str:
    if lang not in LANGS:
        raise InputError(_("unknown language '{lang}' (fr or en)").format(lang=lang))
    return lang
