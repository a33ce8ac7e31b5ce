"""What the TMX and XLIFF readers share: the plain text of a segment (inline codes dropped, the text
they wrap kept), its notes, and where each element starts in the file text."""

from __future__ import annotations

import bisect
import re

from ..model import line_starts

CODE_TAGS = frozenset({"ph", "bpt", "ept", "it", "ut"})  # native codes: their text is not text


class Locator:
    """Where elements start and where their start tags end in the file text.

    libxml2 only gives the line of a start tag's closing '>'. The raw text is therefore scanned for
    the start tags of the wanted elements (any namespace; comments, CDATA sections, processing
    instructions and the DOCTYPE skipped), in document order alongside the parsed elements of the
    same names; each pair must agree on name and (up to line 65535, where libxml2 stops counting
    exactly) on line. If they ever disagree, every position falls back to libxml2's line, column 1."""

    def __init__(self, text: str, root, wanted: tuple[str, ...]):
        self.starts = line_starts(text)
        self.spans: dict | None = {}
        names = "|".join(re.escape(w) for w in wanted)
        pattern = re.compile(
            r"(?=<)(?:<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>"
            r"|<(?:[^\s/>!?:]+:)?(" + names + r")(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)",
            re.S,
        )
        elements = root.iter(*(f"{{*}}{w}" for w in wanted))
        spans = self.spans
        starts = self.starts
        right = bisect.bisect_right
        for m in pattern.finditer(text):
            name = m.group(1)
            if name is None:
                continue
            el = next(elements, None)
            end = m.end()
            if el is None or el.tag.rsplit("}", 1)[-1] != name:
                self.spans = None
                return
            line = right(starts, end - 1)
            # libxml2 keeps exact lines up to 65535 only; beyond, it reports a nearby line.
            if line < 65535 and el.sourceline != line:
                self.spans = None
                return
            spans[el] = (m.start(), end)
        if next(elements, None) is not None:
            self.spans = None

    def start(self, el) -> tuple[int, int]:
        """Line and column of the element's '<'."""
        if self.spans is not None and el in self.spans:
            return _position(self.starts, self.spans[el][0])
        return (el.sourceline or 1), 1

    def after(self, el) -> tuple[int, int]:
        """Line and column of the first character after the element's start tag."""
        if self.spans is not None and el in self.spans:
            return _position(self.starts, self.spans[el][1])
        return (el.sourceline or 1), 1


def inline_text(el, etree) -> str:
    """Text of a segment: the text of inline elements kept, native codes (ph, bpt, ept, it, ut)
    dropped except their <sub> sub-flows, XLIFF 2 <cp hex> as its character."""
    if el is None:
        return ""
    if not len(el):  # no inline markup: the common case
        return el.text or ""
    parts: list[str] = []
    append = parts.append
    entity = etree.Entity

    def walk(node, skip: bool) -> None:
        if node.text and not skip:
            append(node.text)
        for child in node:
            tag = child.tag
            if isinstance(tag, str):
                local = tag.rsplit("}", 1)[-1]
                if local == "sub":
                    walk(child, False)
                elif local in CODE_TAGS:
                    walk(child, True)
                elif local == "cp":
                    if not skip:
                        append(codepoint(child.get("hex")))
                else:
                    walk(child, skip)
            elif tag is entity and not skip:
                append(entity_text(child.name))
            if child.tail and not skip:
                append(child.tail)

    walk(el, False)
    return "".join(parts)


def codepoint(hexa: str | None) -> str:
    """The character of an XLIFF 2 <cp hex>; a surrogate (D800-DFFF), which no text can encode,
    reads as U+FFFD, as a decoder reads a broken sequence."""
    try:
        c = chr(int(hexa or "", 16))
    except (ValueError, OverflowError):
        return ""
    return "\ufffd" if "\ud800" <= c <= "\udfff" else c


def entity_text(entity_name: str) -> str:
    """An undeclared entity reference left unresolved (&nbsp; under an external DTD): the HTML
    character when there is one, else nothing."""
    # the HTML5 entity table (2,000 names) only for an undeclared entity (start-up cost)
    from html.entities import html5

    return html5.get(f"{entity_name};", "")


def notes_text(elements, etree) -> str:
    return "\n".join(t for t in ((inline_text(n, etree) or "").strip() for n in elements) if t)


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1
