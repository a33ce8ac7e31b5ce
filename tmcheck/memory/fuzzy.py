"""Match scores as CAT tools give them, and the differences a translator is shown.

The score is rapidfuzz's normalised Indel similarity (``fuzz.ratio``) of the two normalised texts,
as a whole percentage: 100 only for the same text after normalisation (spaces, quotes, tags; see
:mod:`.normalize`), 99 at most otherwise, so that a 100 always means "nothing to change". The usual
bands follow: 95–99 near-identical, 85–94 high fuzzy, 75–84 fuzzy, 70–74 low fuzzy.
"""

from __future__ import annotations

import re

from ..lang.lcs import matches
from ..named_tuples import NamedTuple

BANDS = ((100, "exact"), (95, "near-exact"), (85, "high fuzzy"), (75, "fuzzy"), (70, "low fuzzy"))


def score(query_norm: str, segment_norm: str) -> int:
    from rapidfuzz.fuzz import ratio

    return from_ratio(query_norm, segment_norm, 100.0 if query_norm == segment_norm else ratio(query_norm, segment_norm))


def from_ratio(query_norm: str, segment_norm: str, value: float) -> int:
    """The CAT score of two normalised texts whose rapidfuzz ratio is ``value``: 100 for the same
    text only, 99 at most otherwise."""
    return 100 if query_norm == segment_norm else min(99, int(value))


def band(value: int) -> str:
    for floor, name in BANDS:
        if value >= floor:
            return name
    return "no match"


def min_length_ratio(min_score: int) -> float:
    """Indel similarity ``2·LCS / (|a| + |b|)`` cannot exceed ``2·short / (short + long)``; so a
    segment whose length is below this share of the query's (or above its inverse) cannot reach
    ``min_score``: the cheap filter run before any scoring."""
    t = max(min_score, 1) / 100
    return t / (2 - t)


class Change(NamedTuple):
    op: str  # "equal" | "delete" (in the memory, not in the draft) | "insert" (in the draft only)
    text: str


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def differences(draft: str, memory: str) -> list[Change]:
    """Word-level differences from the memory segment to the draft sentence (what the translator
    must change in the stored wording to say what the draft says)."""
    a, b = _TOKEN.findall(memory), _TOKEN.findall(draft)
    changes: list[Change] = []
    i = j = 0
    # Between two matched words, what only the memory has, then what only the draft has.
    for mi, mj in matches(a, b) + [(len(a), len(b))]:
        if mi > i:
            changes.append(Change("delete", "".join(a[i:mi])))
        if mj > j:
            changes.append(Change("insert", "".join(b[j:mj])))
        if mi < len(a):
            if changes and changes[-1].op == "equal" and mi == i:  # a run of matched words, one change
                changes[-1] = Change("equal", changes[-1].text + a[mi])
            else:
                changes.append(Change("equal", a[mi]))
        i, j = mi + 1, mj + 1
    return _group(changes)


def _group(changes: list[Change]) -> list[Change]:
    """Edits separated only by a space read as one: "[-sera saisie-]{+disposera+}" rather than
    "[-sera-]{+disposera+} [-saisie-]"."""
    out: list[Change] = []
    deleted, inserted = "", ""
    for i, c in enumerate(changes):
        between_edits = (c.op == "equal" and not c.text.strip() and (deleted or inserted)
                         and i + 1 < len(changes) and changes[i + 1].op != "equal")
        if c.op == "delete" or between_edits:
            deleted += c.text
        if c.op == "insert" or between_edits:
            inserted += c.text
        if c.op == "equal" and not between_edits:
            _flush(out, deleted, inserted)
            deleted, inserted = "", ""
            out.append(c)
    _flush(out, deleted, inserted)
    return _join_equal(out)


def _flush(out: list[Change], deleted: str, inserted: str) -> None:
    """An edit's space, when both sides end (or start) with it, belongs outside the brackets."""
    lead = trail = ""
    while deleted and inserted and deleted[-1] == inserted[-1] and deleted[-1].isspace():
        trail, deleted, inserted = deleted[-1] + trail, deleted[:-1], inserted[:-1]
    while deleted and inserted and deleted[0] == inserted[0] and deleted[0].isspace():
        lead, deleted, inserted = lead + deleted[0], deleted[1:], inserted[1:]
    for op, text in (("equal", lead), ("delete", deleted), ("insert", inserted), ("equal", trail)):
        if text:
            out.append(Change(op, text))


def _join_equal(changes: list[Change]) -> list[Change]:
    out: list[Change] = []
    for c in changes:
        if out and out[-1].op == c.op == "equal":
            out[-1] = Change("equal", out[-1].text + c.text)
        else:
            out.append(c)
    return out


def render_diff(changes: list[Change], color: bool = False) -> str:
    """``[-memory words-]{+draft words+}`` (git's word diff), or red/green on a terminal."""
    parts = []
    for c in changes:
        if c.op == "equal":
            parts.append(c.text)
        elif color:
            parts.append(f"\x1b[31;9m{c.text}\x1b[0m" if c.op == "delete" else f"\x1b[32;4m{c.text}\x1b[0m")
        else:
            parts.append(f"[-{c.text}-]" if c.op == "delete" else f"{{+{c.text}+}}")
    return "".join(parts)
