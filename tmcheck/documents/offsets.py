"""Where each character of a bilingual unit's target stands in the file text.

A finding on a target must point into the file, character by character. :func:`target_offsets` is
exact for TSV and PO (escapes such as ``\\"`` map to their backslash, continuation lines are
followed) and for TMX and XLIFF whenever the raw markup from the target's start tag reproduces the
parsed text (entities map to their ``&``, inline codes are skipped). (A draft's paragraphs carry
their own offsets: see :class:`documents.model.Offsets`.)
"""

from __future__ import annotations

import re

from .formats.units import Bilingual, LazyPattern, Unit
from .formats.xml_units import CODE_TAGS, codepoint, entity_text
from .model import line_starts


def target_offsets(bilingual: Bilingual, unit: Unit, starts: list[int] | None = None) -> list[int]:
    """For each character of ``unit.target``, its offset in ``bilingual.text``.

    Exact for TSV and PO (escapes such as ``\\"`` map to their backslash, continuation lines are
    followed) and for TMX/XLIFF when the raw markup from the target's start tag reproduces the
    parsed text (entities map to their ``&``, inline codes are skipped). When it does not, the
    characters are laid out from the target's start and clamped to the end of that line.
    ``starts``: the text's line starts, when the caller has them (from_bilingual does)."""
    target = unit.target
    if not target:
        return []
    text = bilingual.text
    starts = starts or line_starts(text)
    line = max(1, min(unit.target_line, len(starts)))
    line_end = starts[line] - 1 if line < len(starts) else len(text)
    base = min(starts[line - 1] + max(unit.target_column, 1) - 1, line_end)
    offsets: list[int] | None = None
    if bilingual.format == "tsv":
        offsets = [base + i for i in range(len(target))]
    elif bilingual.format == "po":
        offsets = _po_offsets(text, base, target)
    elif bilingual.format in ("tmx", "xliff"):
        offsets = _xml_offsets(text, base, target)
    if offsets is None or len(offsets) != len(target):
        last = max(line_end - 1, base)
        offsets = [min(base + i, last) for i in range(len(target))]
    return offsets


_PO_LITERAL = LazyPattern(r'[^"\\\n]*(?:\\.[^"\\\n]*)*')  # the rest of a string literal, up to its closing quote
_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}


def _po_offsets(text: str, start: int, target: str) -> list[int] | None:
    chars: list[str] = []
    offsets: list[int] = []
    n, i, want = len(text), start, len(target)
    while True:
        m = _PO_LITERAL.match(text, i)
        body = m.group()
        if "\\" not in body:
            chars.append(body)
            offsets.extend(range(i, m.end()))
        else:
            j, end = i, m.end()
            while j < end:
                c = text[j]
                if c == "\\" and j + 1 < end and text[j + 1] in _PO_ESCAPES:
                    chars.append(_PO_ESCAPES[text[j + 1]])
                    offsets.append(j)
                    j += 2
                    continue
                chars.append(c)
                offsets.append(j)
                j += 1
        i = m.end()
        if len(offsets) >= want:
            break
        # The string ended: go on with the next continuation line, if any.
        nl = text.find("\n", i)
        if nl == -1:
            break
        end = text.find("\n", nl + 1)
        following = text[nl + 1: end if end != -1 else n]
        stripped = following.lstrip()
        if not stripped.startswith('"'):
            break
        i = nl + 1 + (len(following) - len(stripped)) + 1
    return offsets if "".join(chars) == target else None


_XML_TOKEN = LazyPattern(  # the lookahead lets the scan skip plain text quickly
    r"(?=[<&\r])(?:(?P<comment><!--.*?-->)|(?P<cdata><!\[CDATA\[.*?\]\]>)|(?P<pi><\?.*?\?>)|(?P<end></[^>]*>)"
    r"|(?P<start><(?P<name>[^\s/>!?]+)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>)"
    r"|(?P<ref>&(?P<ref_name>[^;\s&<]{1,40});)|(?P<cr>\r\n?))",
    re.S,
)
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_offsets(text: str, start: int, target: str) -> list[int] | None:
    chars: list[str] = []
    offsets: list[int] = []
    skip_stack: list[bool] = [False]
    pos = start
    limit = len(target)

    def plain(a: int, b: int) -> None:
        if not skip_stack[-1]:
            chars.extend(text[a:b])
            offsets.extend(range(a, b))

    for m in _XML_TOKEN.finditer(text, start):
        plain(pos, m.start())
        pos = m.end()
        if m.group("end") is not None:
            skip_stack.pop()
            if not skip_stack:
                break
        elif m.group("start") is not None:
            local = m.group("name").rsplit(":", 1)[-1]
            attrs = m.group("attrs") or ""
            empty = attrs.rstrip().endswith("/")
            skip = skip_stack[-1]
            if local == "cp":
                h = re.search(r"hex\s*=\s*[\"']([0-9A-Fa-f]+)", attrs)
                if not skip and h:
                    c = codepoint(h.group(1))
                    if c:
                        chars.append(c)
                        offsets.append(m.start())
            if not empty:
                skip_stack.append(False if local == "sub" else (True if local in CODE_TAGS else skip))
        elif m.group("cdata") is not None:
            if not skip_stack[-1]:
                _cdata(text, m.start() + 9, m.end() - 3, chars, offsets)
        elif m.group("ref") is not None:
            if not skip_stack[-1]:
                c = _reference(m.group("ref_name"))
                if c:
                    chars.extend(c)
                    offsets.extend([m.start()] * len(c))
        elif m.group("cr") is not None:
            if not skip_stack[-1]:
                chars.append("\n")
                offsets.append(m.start())
        if len(chars) > limit + 1:
            return None
    return offsets if "".join(chars) == target else None


def _cdata(text: str, a: int, b: int, chars: list[str], offsets: list[int]) -> None:
    """The characters of a CDATA section's content text[a:b], line ends read as the parser reads them."""
    j = a
    while j < b:
        c = text[j]
        if c == "\r":
            chars.append("\n")
            offsets.append(j)
            j += 2 if j + 1 < b and text[j + 1] == "\n" else 1
            continue
        chars.append(c)
        offsets.append(j)
        j += 1


def _reference(ref: str) -> str:
    """The text of a character or entity reference (its name between "&" and ";")."""
    if ref.startswith("#x") or ref.startswith("#X"):
        return codepoint(ref[2:])
    if ref.startswith("#"):
        try:
            return chr(int(ref[1:]))
        except (ValueError, OverflowError):
            return ""
    return _PREDEFINED.get(ref) or entity_text(ref)
