"""Plain text and Markdown drafts (as exported from Word): markup stripped line by line, positions
kept.

Every line keeps, character by character, the offset it came from, so that markup (HTML tags and
comments, emphasis, links, headings, bullets, pipe tables) is invisible to the checks while every
finding still points into the original file. Lines become paragraphs as documents/formats/pdf.py
joins them (hard line breaks of text extracted from PDF, and Markdown's wrapped lines alike).
Inline ``<!-- tmcheck: ignore CODE -->`` directives are read here.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...errors import InputError
from ...i18n import _
from .. import typography
from ..model import Document, Offsets, OffsetsBuilder, Suppression
from . import pdf

# The codes of a directive are a few words: bounded, so that a line of unclosed directives stays linear.
_DIRECTIVE = re.compile(r"<!--\s*tmcheck\s*:\s*ignore\b([^>]{0,300}?)-->", re.I)
# The words of a directive: codes (TM201), prefixes (TM2), rule names (weekday-mismatch), family
# names (dates), declarative rule ids (house-style.en-per-cent); the engine keeps those its rule
# table knows, and codes and ids, and ignores the rest.
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9][A-Za-z0-9-]*)?")
_CODE_LIKE = re.compile(r"[A-Za-z]{2}\d{1,3}")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|font|br|p|small|s|strike)\b[^>]*>", re.I)
_BOLD = re.compile(r"\*\*|__")
_EMPH = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
# Neither the text nor the address of a link holds a bracket: each bracket is read by one attempt.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^)\[\]\s]+)\)")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s{0,3}[-*+•]\s+")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_CELL = re.compile(r":?-{3,}:?")


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), else Windows-1252 with a notice; binary and empty are errors."""
    if not data.strip():
        raise InputError(_("{path}: empty file").format(path=name))
    if b"\x00" in data[:8192] or data[:4] in (b"PK\x03\x04", b"%PDF"):
        raise InputError(_("{path}: binary file, not a text draft (convert PDF to text first; .docx needs the .docx "
                           "extension)").format(path=name))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(_("{path}: not UTF-8 (byte {byte} at offset {offset}) and not Windows-1252; save the file "
                           "as UTF-8").format(path=name, byte=f"0x{data[utf8_error.start]:02x}",
                                              offset=utf8_error.start)) from None
    return text, [_("{path}: not UTF-8; read as Windows-1252").format(path=name)]


class Line:
    __slots__ = ("number", "chars", "offsets", "kind", "blank")

    def __init__(self, number: int, chars: str, offsets: Offsets, kind: str):
        self.number = number
        self.chars = chars
        self.offsets = offsets
        self.kind = kind
        self.blank = not chars.strip()


def _markup(raw: str, markdown: bool) -> list[tuple[int, int]]:
    """The spans of ``raw`` that are markup, in any order, possibly overlapping.

    Every pattern here is either anchored at the line start or cannot fail after scanning far: a
    pattern whose end may be missing (a comment's "-->", a tag's ">") is only tried up to the last
    place where its end stands, and a link's text stops at the next bracket, so that no line, however
    hostile ("<!--" or "[" repeated 40,000 times), costs more than a pass or two."""
    spans: list[tuple[int, int]] = []
    add = spans.append
    if "<" in raw:
        close = raw.rfind("-->")
        if close != -1:
            for m in _HTML_COMMENT.finditer(raw, 0, close + 3):
                add(m.span())
        close = raw.rfind(">")
        if close != -1:
            for m in _TAG.finditer(raw, 0, close + 1):
                add(m.span())
    if "*" in raw or "_" in raw:
        for m in _BOLD.finditer(raw):
            add(m.span())
    if "](" in raw:
        for m in _LINK.finditer(raw):
            add((m.start(), m.start(1)))
            add((m.end(1), m.end()))
    if markdown:
        if "*" in raw:
            for m in _EMPH.finditer(raw):
                add(m.span())
        if "\\" in raw:
            for m in _ESCAPE.finditer(raw):
                add(m.span())
    return spans


def strip_line(raw: str, base: int, number: int, suppressions: list[Suppression], markdown: bool) -> Line:
    """Remove markup from one line; keep, for each kept character, its offset in the file."""
    if "<!--" in raw:
        for m in _DIRECTIVE.finditer(raw):
            codes = tuple(w.upper() if _CODE_LIKE.fullmatch(w) else w.lower() for w in _WORD.findall(m.group(1)))
            suppressions.append(Suppression(number, m.start() + 1, codes))
    spans = _markup(raw, markdown)
    kind = "text"
    if markdown:
        m = _HEADING.match(raw)
        if m:
            kind = "heading"
            spans.append(m.span())
        else:
            m = _QUOTE.match(raw)
            if m:
                spans.append(m.span())
            m = _BULLET.match(raw)
            if m and not raw.lstrip().startswith("**"):
                kind = "list-item"
                spans.append(m.span())
    pipe_row = markdown and "|" in raw and bool(_PIPE_ROW.match(raw))
    if spans:
        # What is left between the markup spans, copied in runs.
        pieces: list[str] = []
        builder = OffsetsBuilder()
        pos = 0
        for a, b in sorted(spans):
            if a > pos:
                pieces.append(raw[pos:a])
                builder.add(base + pos, a - pos)
            pos = max(pos, b)
        if pos < len(raw):
            pieces.append(raw[pos:])
            builder.add(base + pos, len(raw) - pos)
        text, offsets = "".join(pieces), builder.build()
    else:
        text, offsets = raw, Offsets.run(base, len(raw))
    if pipe_row:
        text = text.replace("|", "\t")  # pipe-table cells become tab-separated cells, like Word's text export
    text = typography.normalise(text)
    if "\t" in text and "\t" in text.strip("\t \r"):
        kind = "table-row"
    if pipe_row:
        # Drop the outer pipes' cells so that the row starts with its first cell.
        lead = len(text) - len(text.lstrip(" \t"))
        trail = len(text.rstrip(" \t\r"))
        text, offsets = text[lead:trail], offsets[lead:trail]
    return Line(number, text, offsets, kind)


def _pipe_rule(raw: str) -> bool:
    """A Markdown table's rule line ("|---|:---:|"), read without a regular expression: the pattern
    "^\\s*\\|?\\s*..." backtracks quadratically over a line of blanks."""
    s = raw.strip()
    if "-" not in s:
        return False
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return all(_RULE_CELL.fullmatch(cell.strip()) for cell in s.split("|"))


def _raw_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` (split on "\\n"), one at a time: a large draft is never held twice."""
    start, find = 0, text.find
    while True:
        i = find("\n", start)
        if i == -1:
            yield text[start:]
            return
        yield text[start:i]
        start = i + 1


_NO_OFFSETS = Offsets()  # an empty line's (offsets are never changed once built)


def read_text(path: str, text: str, fmt: str = "txt", notices: list[str] | None = None) -> Document:
    """A decoded draft, plain text (``fmt`` "txt") or Markdown ("md"); ``notices`` are kept on it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    markdown = fmt == "md"
    suppressions: list[Suppression] = []
    lines: list[Line] = []
    base = 0
    for number, raw in enumerate(_raw_lines(text), start=1):
        if not raw or (markdown and "-" in raw and _pipe_rule(raw)):
            # An empty line (every other line of most drafts) has nothing to strip.
            line = Line(number, "", _NO_OFFSETS, "text")
        else:
            line = strip_line(raw, base, number, suppressions, markdown)
        lines.append(line)
        base += len(raw) + 1
    lines, fmt, width = pdf.unwrap(lines, fmt)
    paragraphs = pdf.paragraphs(lines, width)
    return Document(path, text, paragraphs, fmt, suppressions, notices=list(notices or []))
