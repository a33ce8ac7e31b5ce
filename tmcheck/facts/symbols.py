"""UN document symbols as drafts cite them: found in a paragraph, written in their canonical form,
and grouped when a hyphen joins them into one joint document ("X/1-Y/2")."""

from __future__ import annotations

import re

from ..documents.model import Paragraph
from ..named_tuples import NamedTuple

# A UN document symbol: a series root in capitals, then "/"-separated parts, with a digit somewhere.
# Lower-case roots are caught too (and reported as malformed). Joint symbols ("X/1-Y/2") are split.
SYMBOL = re.compile(
    r"""(?<![\w/.@])
        (?:[A-Z]{1,8}|ctoc|cac|unodc)
        (?:/{1,2}(?:[A-Za-z]{1,6}\.?\d+(?:\.\d+)?|[A-Za-z]{1,8}|\d{1,5}))+
        /?(?![\w])""",
    re.X,
)

# Parts written "WG.2", "CN.15", "L.1", "Add.19"...: the name, a dot, a number.
_DOTTED_UPPER = {"WG", "CN", "EG", "AC", "C", "L", "SUB", "PV", "SR", "CRP", "WP", "GE"}
_DOTTED_TITLE = {"ADD": "Add", "CORR": "Corr", "REV": "Rev", "AMEND": "Amend", "SUB": "Sub"}
_PART = re.compile(r"^([A-Za-z]{1,6})(\.?)(\d+(?:\.\d+)?)$")
JOINERS = ("-", "–", " - ", " – ")


class Symbol(NamedTuple):
    paragraph: Paragraph
    start: int
    end: int
    text: str


def find_symbols(p: Paragraph) -> list[Symbol]:
    """The document symbols of a paragraph, in order."""
    if "/" not in p.text:
        return []
    return [Symbol(p, m.start(), m.end(), m.group(0)) for m in SYMBOL.finditer(p.text)
            if any(c.isdigit() for c in m.group(0))]


def canonical_symbol(symbol: str) -> str:
    """The well-formed spelling of a symbol: 'ctoc/cop/WG2/2012/1/' -> 'CTOC/COP/WG.2/2012/1'."""
    parts = [p for p in symbol.strip("/").split("/") if p]
    out = []
    for part in parts:
        m = _PART.match(part)
        if m and not part.isdigit():
            name, _dot, num = m.groups()
            up = name.upper()
            if up in _DOTTED_TITLE:
                out.append(f"{_DOTTED_TITLE[up]}.{num}")
                continue
            if up in _DOTTED_UPPER:
                out.append(f"{up}.{num}")
                continue
            out.append(part)
        elif part.isalpha() and part.lower() == part and len(part) <= 8:
            out.append(part.upper())
        else:
            out.append(part)
    return "/".join(out)


def joint_groups(text: str, symbols: list[Symbol]) -> list[list[Symbol]]:
    """Symbols joined by a hyphen ("X/1-Y/2") cite one joint document."""
    groups: list[list[Symbol]] = []
    for s in symbols:
        if groups and text[groups[-1][-1].end:s.start] in JOINERS:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups
