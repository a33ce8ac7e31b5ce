"""A suggestion written into a Word draft: inside the runs that hold the flagged text, so that the
paragraph keeps its formatting (what the suggestion shares with the flagged text stays in its own
runs; what differs takes the formatting of the first character it replaces)."""

from __future__ import annotations

import io
from pathlib import Path

from ..documents.typography import normalise
from ..documents.word_runs import Unanchored, body_lines, pieces, replace
from ..errors import InputError
from ..i18n import _
from ..report.docx_comments import load_docx, reader_lines


def fixed_docx(draft: Path, raw: bytes, finding, replacement: str) -> bytes:
    """``raw`` (the .docx's bytes) with the finding's span replaced by ``replacement``. Raises
    InputError when the span no longer holds the finding's text (the draft changed since)."""
    start, end = finding.span.start, finding.span.end
    stale = InputError(_("{path}: the text at {line}:{column} is no longer '{text}'; lint it again").format(
        path=draft, line=start.line, column=start.column, text=finding.text))
    if start.line != end.line:
        raise InputError(_("{path}: {code} spans several paragraphs; fix it in Word").format(
            path=draft, code=finding.code))
    expected = reader_lines(draft, raw)
    document = load_docx(draft, raw)
    lines = body_lines(document.element.body)
    if not 1 <= start.line <= min(len(lines), len(expected)):
        raise stale
    line = lines[start.line - 1]
    text = pieces(line)[0]
    if text != expected[start.line - 1]:
        raise InputError(_("{path}: paragraph {line} cannot be rewritten safely (its XML reads differently from "
                           "its text); fix it in Word").format(path=draft, line=start.line))
    a, b = start.column - 1, end.column - 1
    flagged = text[a:b]

    def same(x: str) -> str:
        return " ".join(normalise(x).split())

    if b > len(text) or same(flagged) != same(finding.text):
        raise stale
    try:
        replace(line, a, b, replacement)
    except Unanchored:
        raise stale from None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
