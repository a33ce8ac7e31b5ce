"""The model every bilingual reader fills, and the small helpers the readers share.

A :class:`Bilingual` holds the decoded file text and one :class:`Unit` per segment, with plain source
and target text (inline codes of TMX and XLIFF removed, the text they wrap kept), a state
(translated, fuzzy, untranslated) and the place in the file where the unit and its target start.
"""

from __future__ import annotations

import re
from ...named_tuples import NamedTuple

class Unit(NamedTuple):
    id: str  # the segment's name for the user (PO msgctxt|msgid or "entry N", TMX tuid or "tu N", XLIFF id, TSV "row N")
    source: str  # plain text (inline codes removed, the text they wrap kept)
    target: str
    line: int  # 1-based line where the unit starts
    target_line: int  # 1-based line where the target text starts
    target_column: int  # 1-based column (Unicode characters) where the target text starts
    state: str  # "translated" | "fuzzy" | "untranslated"
    note: str = ""  # translator comment or note, if any
    group: str = ""  # the document the unit belongs to, when a file holds several (TSV doc_id)


class Bilingual(NamedTuple):
    path: str
    format: str  # "po" | "tmx" | "xliff" | "tsv"
    source_lang: str  # "fr" | "en"
    target_lang: str  # "fr" | "en"
    units: list[Unit]
    text: str  # the decoded file content, BOM removed (positions refer to it)


def one_line(message: str) -> str:
    return " ".join(str(message).split())


class LazyPattern:
    """A regular expression compiled on first use (start-up time matters to the command line)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        return getattr(compiled, name)


def short(text: str, limit: int = 60) -> str:
    # Most texts are long: the words of their first characters already make the shortened form
    # (a prefix of the one below).
    head = " ".join(text[: limit * 2].split())
    if len(head) > limit:
        return head[: limit - 1].rstrip() + "…"
    cut = len(text) > limit * 4
    text = " ".join(text[: limit * 4].split())
    if len(text) <= limit and not cut:
        return text
    return text[: limit - 1].rstrip() + "…"
