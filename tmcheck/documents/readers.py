"""Readers: plain text, Markdown as exported from Word, text extracted from PDF, and .docx.

Every reader returns a :class:`Document` whose paragraphs hold clean text plus, character by
character, the offset it came from, so that markup is invisible to the checks while every finding
still points into the original file.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..i18n import _
from . import typography
from .model import Document, Offsets, OffsetsBuilder, Paragraph, Suppression
from .segment import starts_with_label

DRAFT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".docx"}
# Read by documents.bilingual, which parses each suffix as this kind (other names are sniffed).
BILINGUAL_KINDS = {".po": "po", ".pot": "po", ".tmx": "xml", ".xlf": "xml", ".xliff": "xml", ".sdlxliff": "xml",
                   ".tsv": "tsv"}
BILINGUAL_SUFFIXES = frozenset(BILINGUAL_KINDS)
MAX_BYTES = 50 * 1024 * 1024  # a UN document is rarely over 2 MB; 50 MB is a mistake, not a draft

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

# Page furniture of UN documents extracted from PDF: job numbers, barcodes, page numbers.
_FURNITURE = re.compile(
    r"""^\s*(?:
        [VvGgNn]\.?\s?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?     # job number: V.12-54870 (F), GE.16-1234
      | GE\.\d{2}-\d{4,6}.*
      | \*\d{6,8}\*                                    # barcode
      | (?:Page\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?          # 2, 2/8, Page 3
      | \d{1,3}(?:/\d{1,3})?\s+V\.\d{2}-\d{4,6}|V\.\d{2}-\d{4,6}\s+\d{1,3}(?:/\d{1,3})?
    )\s*$""",
    re.X,
)
_SENTENCE_END = re.compile(r"""[.;:!?…»"”)]\s*$""")
# First parts of French and English compounds that keep their hyphen when split at a line end.
_COMPOUND_HEADS = {
    "vingt", "trente", "quarante", "cinquante", "soixante", "quatre", "dix", "vice", "ex", "non",
    "sous", "anti", "c'est", "peut", "après", "avant", "arrière", "porte", "demi", "semi", "mi",
    "extra", "self", "well", "long", "short", "high", "low", "follow", "cross", "co", "post", "pre",
    "inter", "intra", "multi", "nord", "sud", "est", "ouest", "sub", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "non", "so", "ad", "hoc", "à", "au",
}


# Words no paragraph ends with: a line ending with one was broken inside a sentence (a table cell).
_DANGLING = {
    "le", "la", "les", "l'", "un", "une", "des", "de", "du", "d'", "à", "au", "aux", "et", "ou", "en",
    "sa", "son", "ses", "leur", "leurs", "par", "pour", "sur", "dans", "avec", "entre", "contre", "que",
    "qui", "the", "a", "an", "of", "and", "or", "to", "on", "in", "by", "for", "from", "with", "its",
    "their", "at", "between", "against",
}


def read_document(path: str | Path) -> Document:
    """Read a draft; raise :class:`InputError` with a one-line reason when it cannot be read."""
    p = Path(path)
    try:
        if not p.exists():
            raise InputError(_("{path}: no such file or folder").format(path=p))
        if p.is_dir():
            raise InputError(_("{path}: is a folder").format(path=p))
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(_("{path}: file too large ({size} MB; the limit is {limit} MB)").format(
                path=p, size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)))
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=p, reason=exc.strerror or exc)) from None
    if p.suffix.lower() == ".docx":
        return read_docx(str(path), data)
    text, notices = decode(data, str(path))
    fmt = "md" if p.suffix.lower() in {".md", ".markdown"} else "txt"
    return read_text(str(path), text, fmt, notices)


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


class _Line:
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


def _strip_line(raw: str, base: int, number: int, suppressions: list[Suppression], markdown: bool) -> _Line:
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
    return _Line(number, text, offsets, kind)


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


def _is_furniture(line: _Line, repeated: set[str]) -> bool:
    s = line.chars.strip()
    return bool(s) and (bool(_FURNITURE.match(s)) or s in repeated)


def _repeated_headers(lines: list[_Line]) -> set[str]:
    """Short lines repeated on several pages (running heads such as the document symbol)."""
    counts = Counter(l.chars.strip() for l in lines if not l.blank and len(l.chars.strip()) <= 40)
    pages = max(2, sum(1 for l in lines if _FURNITURE.match(l.chars.strip() or "x")) // 2)
    # A running head is a symbol or a reference ("CTOC/COP/WG.4/2016/1", "A/71/150"); a heading
    # that recurs ("Documentation", "Annotations") is content and stays.
    return {s for s, n in counts.items() if n >= 3 and n >= pages and not s.endswith((".", ";", ":"))
            and not starts_with_label(s) and any(c.isdigit() for c in s) and ("/" in s or "." in s)}


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


def read_text(path: str, text: str, fmt: str = "txt", notices: list[str] | None = None) -> Document:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    markdown = fmt == "md"
    suppressions: list[Suppression] = []
    lines: list[_Line] = []
    base = 0
    for number, raw in enumerate(_raw_lines(text), start=1):
        if markdown and "-" in raw and _pipe_rule(raw):
            line = _Line(number, "", Offsets(), "text")
        else:
            line = _strip_line(raw, base, number, suppressions, markdown)
        lines.append(line)
        base += len(raw) + 1

    # A file of wrapped lines (PDF extraction) joins them into paragraphs; its furniture goes.
    lengths = sorted(len(l.chars.rstrip()) for l in lines if not l.blank)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    wrapped = fmt == "txt" and width <= 110 and sum(1 for n in lengths if n >= 0.6 * width) >= 0.4 * len(lengths)
    if wrapped:
        repeated = _repeated_headers(lines)
        kept = [l for l in lines if not _is_furniture(l, repeated)]
        if len(kept) < len(lines):
            fmt = "pdf-text"
        lines = kept
    vocabulary = _hyphenated_vocabulary(lines)

    paragraphs: list[Paragraph] = []
    current: list[_Line] = []

    def flush() -> None:
        if current:
            paragraphs.append(_paragraph(len(paragraphs), current, vocabulary))
            current.clear()

    for line in lines:
        if line.blank:
            flush()
            continue
        if current and not _joins(current[-1], line, width):
            flush()
        current.append(line)
    flush()
    del lines
    paragraphs = [p for p in paragraphs if p.text.strip()]
    for i, p in enumerate(paragraphs):
        p.index = i
    return Document(path, text, paragraphs, fmt, suppressions, notices=list(notices or []))


def _joins(prev: _Line, line: _Line, width: int) -> bool:
    """Does ``line`` continue the paragraph that ``prev`` ends (a hard line break)?"""
    if prev.kind in ("heading", "table-row") or line.kind in ("heading", "table-row", "list-item"):
        return False
    head = line.chars.lstrip()
    if starts_with_label(head):
        return False
    if head[:1].islower() or head[:1] in ",;)":
        return True
    tail = prev.chars.rstrip()
    if tail.endswith("-") and tail[-2:-1].isalpha():
        return True
    last = tail.rsplit(None, 1)[-1].lower() if tail else ""
    if last in _DANGLING and width >= 40:
        return True  # "tenue les" / "19 et 20 octobre": no paragraph ends on an article
    return not _SENTENCE_END.search(tail) and len(tail) >= 0.6 * width and width >= 40


# A hyphenated word starts at a word's start: tried nowhere else, a long word costs one pass.
_HYPHENATED = re.compile(r"(?<!\w)\w+(?:-\w+)+")


def _hyphenated_vocabulary(lines: list[_Line]) -> set[str]:
    """Hyphenated words written whole somewhere in the document (they keep their hyphen)."""
    words: set[str] = set()
    for l in lines:
        if "-" in l.chars:
            words.update(w.lower() for w in _HYPHENATED.findall(l.chars))
    return words


# How far back the word before a line-end hyphen is looked for: no word is longer, and the look
# stays short however many lines a paragraph joins.
_TAIL = 300


def _paragraph(index: int, lines: list[_Line], vocabulary: set[str]) -> Paragraph:
    """The lines of one paragraph joined: line breaks become spaces, words hyphenated at a line end
    are rejoined (see _drop_hyphen); every step is local to the join, never a pass over what the
    paragraph holds so far."""
    parts: list[str] = []
    offsets = OffsetsBuilder()
    for n, line in enumerate(lines):
        text, offs = line.chars, line.offsets
        lead = len(text) - len(text.lstrip())
        if lead:
            text, offs = text[lead:], offs[lead:]
        if n:
            _rstrip_parts(parts, offsets)
            tail = _tail(parts)
            if tail.endswith("-") and tail[-2:-1].isalpha():
                if text[:1].isalpha() and _drop_hyphen(tail, text, vocabulary):
                    _drop_last(parts, offsets)
            else:
                # The line break becomes one space, mapped to the end of the previous line.
                last = offsets.last()
                parts.append(" ")
                offsets.add(last + 1 if last is not None else 0, 1)
        parts.append(text)
        offsets.extend(offs)
    _rstrip_parts(parts, offsets, " \t\r")
    return Paragraph(index, "".join(parts), offsets.build(), lines[0].kind)


def _rstrip_parts(parts: list[str], offsets: OffsetsBuilder, chars: str | None = None) -> None:
    """Strip the end of the text that ``parts`` make (whitespace, or ``chars``), offsets alike."""
    length = offsets.length
    while parts:
        piece = parts[-1]
        kept = piece.rstrip(chars)
        length -= len(piece) - len(kept)
        if kept:
            parts[-1] = kept
            break
        parts.pop()
    offsets.truncate(length)


def _drop_last(parts: list[str], offsets: OffsetsBuilder) -> None:
    parts[-1] = parts[-1][:-1]
    if not parts[-1]:
        parts.pop()
    offsets.truncate(offsets.length - 1)


def _tail(parts: list[str]) -> str:
    """The last _TAIL characters (or fewer) of the text that ``parts`` make."""
    out, n = [], 0
    for piece in reversed(parts):
        out.append(piece[-(_TAIL - n):])
        n += len(out[-1])
        if n >= _TAIL:
            break
    return "".join(reversed(out))


_LAST_WORD = re.compile(r"(?<![\w'])([\w']+)-$")
_FIRST_WORD = re.compile(r"\w+")


def _drop_hyphen(prev: str, nxt: str, vocabulary: set[str]) -> bool:
    left = _LAST_WORD.search(prev)
    right = _FIRST_WORD.match(nxt)
    if not left or not right:
        return False
    first, second = left.group(1), right.group(0)
    if not second[:1].islower():
        return False
    if f"{first}-{second}".lower() in vocabulary:
        return False
    return first.lower() not in _COMPOUND_HEADS


def read_docx(path: str, data: bytes) -> Document:
    """A .docx draft: each Word paragraph (body and table cells, in order) becomes one line (read
    within bounds: see documents/word.py)."""
    from .word import read_paragraphs

    texts = read_paragraphs(path, data)
    source = "\n".join(t for t, _ in texts)
    # In a .docx, a paragraph is a paragraph: lines are never joined, whatever their length.
    paragraphs: list[Paragraph] = []
    base = 0
    suppressions: list[Suppression] = []
    for number, (text, kind) in enumerate(texts, start=1):
        line = _strip_line(text, base, number, suppressions, markdown=False)
        base += len(text) + 1
        if line.blank:
            continue
        lead = len(line.chars) - len(line.chars.lstrip())
        clean = line.chars[lead:].rstrip()
        paragraphs.append(Paragraph(len(paragraphs), clean, line.offsets[lead:lead + len(clean)],
                                    kind if line.kind != "table-row" else "table-row"))
    return Document(path, source, paragraphs, "docx", suppressions)


def _shown(name: str, limit: int = 120) -> str:
    name = " ".join(str(name).split())
    return name if len(name) <= limit else name[:limit // 2] + "…" + name[-limit // 2:]


def collect_drafts(paths: list[str], failures=None) -> list[Path]:
    """Expand folders into the drafts and bilingual files they hold; a folder with none is an error.

    ``failures(path, message)``, when given and several paths are given, is told of each path that
    cannot be used (missing, refused by the system, a folder without drafts) and the others are
    still collected; otherwise such a path is an InputError."""
    suffixes = DRAFT_SUFFIXES | BILINGUAL_SUFFIXES
    found: list[Path] = []
    for raw in paths:
        try:
            found.extend(_drafts_of(raw, suffixes))
        except InputError as exc:
            if failures is None or len(paths) == 1:
                raise
            failures(str(raw), str(exc))
    return found


def _drafts_of(raw: str, suffixes: set[str]) -> list[Path]:
    p = Path(raw)
    try:
        exists, folder = p.exists(), p.is_dir()
    except OSError as exc:  # a name too long for the system
        raise InputError(f"{_shown(raw)}: {exc.strerror or exc}") from None
    if not exists:
        raise InputError(_("{path}: no such file or folder").format(path=_shown(raw)))
    if not folder:
        return [p]
    drafts = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                    and not any(part.startswith(".") for part in f.relative_to(p).parts))
    if not drafts:
        raise InputError(_("{path}: no drafts in this folder (looked for {suffixes})").format(
            path=raw, suffixes=", ".join(sorted(suffixes))))
    return drafts
