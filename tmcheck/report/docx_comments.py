"""``--format docx``: a copy of a Word draft with each finding as a Word comment on its exact text.

Editors live in Word: there a finding is a comment in the margin, anchored on the words it flags
(code, severity, message, then the suggestion and the other places to look). Runs are split at the
span's ends, each half keeping the run's formatting, so that the comment covers the flagged text and
nothing else. Comments already in the draft are kept; the new ones follow them.

A finding whose text cannot be found where it points (it lies outside the draft's text, runs from
the body into a text box, or the line no longer reads as when it was linted) is not dropped: it
becomes a comment on the draft's first paragraph that has text, its message prefixed with where it
points, and the command says on stderr how many went there.

The draft itself is only read; the copy is written in one step (a temporary file, then a rename).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from ..atomic import write_atomically
from ..documents.formats.docx import check_archive, read_paragraphs
from ..documents.word_runs import Unanchored, body_lines, isolate, pieces
from ..errors import InputError
from ..i18n import _
from ..findings import Finding

AUTHOR, INITIALS = "tmcheck", "TM"


def check_target(draft: Path, output: Path | None) -> None:
    """Refuse, before any linting, what cannot give a commented copy (one line, exit 2)."""
    if output is None:
        raise InputError(_("--format docx writes a commented copy of the draft: give its name with -o (e.g. -o "
                           "draft.checked.docx)"))
    if draft.suffix.lower() != ".docx":
        raise InputError(_("{path}: --format docx needs a Word draft (.docx)").format(path=draft))
    if _same_file(draft, output):
        raise InputError(_("{path}: is the draft itself; --format docx never overwrites it (choose another -o)").format(
            path=output))


def _same_file(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def comment_text(f: Finding, where: str | None = None) -> str:
    """What the comment says: code, severity and message; then the suggestion and related places."""
    decided = f" ({f.decision})" if f.decision else ""
    rule = f" {f.rule_id}" if f.rule_id else ""  # a declarative rule: its own id beside TM402
    lines = [f"{f.code}{rule} [{f.severity}]{decided} " + (f"({where}) " if where else "") + f.message]
    if f.suggestion is not None:
        lines.append(f"Suggestion: {f.suggestion}")
    for r in f.related:
        lines.append(f"See line {r.span.start.line}: {r.message}")
    return "\n".join(lines)


def write_commented(draft: Path, output: Path, findings: list[Finding]) -> int:
    """Write ``output``: the draft with one comment per finding of ``draft``. Returns how many
    findings could not be anchored on their text (they are comments on the first paragraph)."""
    data = _read(draft)
    document = load_docx(draft, data)
    unanchored = add_comments(document, findings, str(draft), reader_lines(draft, data))
    buffer = io.BytesIO()
    try:
        document.save(buffer)
    except OSError as exc:
        raise InputError(_("{path}: cannot write ({reason})").format(path=output, reason=exc.strerror or exc)) from None
    write_atomically(output, buffer.getvalue())
    return unanchored


def add_comments(document, findings: list[Finding], path: str, expected: list[str] | None = None) -> int:
    """Add the findings of ``path`` to a loaded python-docx ``document`` as comments. ``expected``:
    each line's text as the reader read it; a line that reads otherwise here anchors nothing."""
    lines = body_lines(document.element.body)
    leftover: list[tuple[Finding, str]] = []
    for f in sorted(findings, key=lambda f: (f.span.start.line, f.span.start.column, f.code)):
        start, end = f.span.start, f.span.end
        try:
            if f.span.path != path:
                raise Unanchored(f"in {f.span.path}")
            if not 1 <= start.line <= end.line <= len(lines):
                raise Unanchored("outside the draft")
            first, last = lines[start.line - 1], lines[end.line - 1]
            for n in {start.line, end.line}:
                if expected is not None and (n > len(expected) or pieces(lines[n - 1])[0] != expected[n - 1]):
                    raise Unanchored("the line differs")
            if start.line == end.line:
                runs = isolate(first, start.column - 1, end.column - 1)
            else:  # from the start to its line's end, then up to the end on the last line
                runs = isolate(first, start.column - 1, len(pieces(first)[0]))
                runs += isolate(last, 0, end.column - 1)
        except Unanchored:
            place = f"line {start.line}, column {start.column}"
            leftover.append((f, place if f.span.path == path else f"{f.span.path}, {place}"))
            continue
        document.add_comment(_as_runs(runs), comment_text(f), AUTHOR, INITIALS)
    if leftover:
        runs = _first_paragraph(lines)
        for f, where in leftover:
            if runs:
                document.add_comment(_as_runs(runs), comment_text(f, where), AUTHOR, INITIALS)
    return len(leftover)


def _as_runs(elements) -> list:
    # python-docx only once a draft is loaded: check_target (before the lint) needs none (start-up cost)
    from docx.text.run import Run

    return [Run(r, None) for r in elements]


def _first_paragraph(lines) -> list:
    for line in lines:
        text = pieces(line)[0]
        if text.strip():
            try:
                return isolate(line, 0, len(text))
            except Unanchored:
                continue
    return []


def _read(draft: Path) -> bytes:
    try:
        return draft.read_bytes()
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=draft, reason=exc.strerror or exc)) from None


def reader_lines(draft: Path, data: bytes) -> list[str]:
    return [text for text, _ in read_paragraphs(str(draft), data)]


def load_docx(draft: Path, data: bytes):
    """The draft loaded by python-docx, within the bounds its reading was (documents/formats/docx.py)."""
    try:
        check_archive(str(draft), zipfile.ZipFile(io.BytesIO(data)).infolist())
        # python-docx only once a draft is loaded: check_target (before the lint) needs none (start-up cost)
        import docx

        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a broken package
        text = " ".join(str(exc).split())[:120]
        raise InputError(_("{path}: not a valid .docx file ({error}{detail})").format(
            path=draft, error=type(exc).__name__, detail=': ' + text if text else '')) from None
