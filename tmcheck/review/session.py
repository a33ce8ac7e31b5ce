"""One review of one draft: lint it, take decisions, apply fixes to the draft safely.

Shared by the terminal review and the web review, so that both decide and rewrite the same way.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from ..atomic import rewrite, write_atomically
from ..documents import read_document
from ..documents.typography import normalise
from ..engine import Linter, Options
from ..errors import InputError
from ..i18n import _
from ..lang.detect import detect_language
from .decisions import ReviewFile, apply_decisions

# Drafts whose text a suggestion can be written into (a bilingual file is not rewritten); a .docx
# is rewritten inside its runs (review/docx_fix.py).
EDITABLE = (".md", ".markdown", ".txt", ".text", ".docx")


class Review:
    def __init__(self, draft: Path, options=None, review_path: Path | None = None, by: str | None = None):
        if not draft.is_file():
            raise InputError(_("{path}: no such file").format(path=draft))
        self.draft = draft
        self.options = options or Options()
        self.review_path = review_path
        self.by = by
        self.file = ReviewFile.load(draft, review_path)
        self.findings: list = []
        self.refresh()

    def refresh(self) -> None:
        """Lint the draft again (after a change) and attach the decisions to its findings."""
        result = Linter(self.options).lint_paths([str(self.draft)])
        self.findings = apply_decisions(result.findings, [self.draft], show_dismissed=True,
                                        review_path=self.review_path).findings

    @cached_property
    def lang(self) -> str:
        """The draft's language: --lang, else detected (read once per review)."""
        if self.options.lang in ("fr", "en"):
            return self.options.lang
        return detect_language(read_document(self.draft).text)

    def open_findings(self) -> list:
        return [f for f in self.findings if f.decision is None]

    def find(self, fingerprint: str):
        for f in self.findings:
            if f.fingerprint == fingerprint:
                return f
        return None

    def decide(self, finding, decision: str, reason: str = "") -> None:
        self.file.decide(finding, decision, reason, self.by)
        self.file.save()
        finding.decision = decision

    def undo(self, finding) -> None:
        if self.file.undo(finding.fingerprint):
            self.file.save()
        finding.decision = None

    def apply(self, finding, unsafe: bool = False) -> Path:
        """Write the finding's fix into the draft: the previous version is kept as DRAFT.~N~, the
        new one replaces the draft in one step; the decision is "fixed". Returns the backup's path.
        A safe fix is applied; an unsafe one only when ``unsafe`` says the editor asked for it; a
        display one (a hint) never. Through a symbolic link, the file it points to is fixed (the
        link stays); an edit saved meanwhile by an editor is never lost (see atomic.rewrite)."""
        fix = finding.fix
        if fix is None:
            raise InputError(_("{code} has no suggestion to apply").format(code=finding.code))
        if not applicable(finding, unsafe):
            if fix.applicability == "unsafe":
                raise InputError(_("{code}: '{replacement}' is an unsafe fix; apply it only when asked").format(
                    code=finding.code, replacement=fix.replacement))
            raise InputError(_("{code}: '{replacement}' is a suggestion to read, not a fix; edit the draft "
                               "yourself").format(code=finding.code, replacement=fix.replacement))
        if self.draft.suffix.lower() not in EDITABLE:
            raise InputError(_("{path}: suggestions are applied to text, Markdown and Word drafts only").format(
                path=self.draft))
        def fixed(raw: bytes) -> bytes:
            if self.draft.suffix.lower() == ".docx":
                # the Word helpers only for a .docx draft (start-up cost of a text review)
                from .docx_fix import fixed_docx

                return fixed_docx(self.draft, raw, finding, fix.replacement)
            try:
                text = raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
            except UnicodeDecodeError:
                raise InputError(_("{path}: not UTF-8; convert it before applying suggestions").format(
                    path=self.draft)) from None
            bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
            a, b = _offset(text, fix.span.start), _offset(text, fix.span.end)
            if _same(text[a:b]) != _same(finding.text):
                raise InputError(_("{path}: the text at {line}:{column} is no longer '{text}'; lint it again").format(
                    path=self.draft, line=fix.span.start.line, column=fix.span.start.column, text=finding.text))
            return (bom + text[:a] + fix.replacement + text[b:]).encode("utf-8")

        backup = _next_backup(self.draft)
        previous = rewrite(self.draft, fixed)
        _keep(self.draft, backup, previous)
        self.decide(finding, "fixed", f"applied: '{finding.text}' -> '{fix.replacement}'")
        self.refresh()
        return backup


def applicable(finding, unsafe: bool = False) -> bool:
    """Whether the review may write the finding's fix: a safe one always, an unsafe one when the
    editor asked for it (``unsafe``), a display one (a hint) never."""
    fix = finding.fix
    return fix is not None and (fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe"))


def _same(text: str) -> str:
    """Text as the checks read it (typographic apostrophes, no-break spaces, line breaks)."""
    return " ".join(normalise(text).split())


def _offset(text: str, pos) -> int:
    """A 1-based (line, column) of the report as an offset into ``text`` (columns count characters)."""
    line_start = 0
    for _line in range(pos.line - 1):
        nl = text.find("\n", line_start)
        if nl == -1:
            raise InputError(_("line {line} is past the end of the draft; lint it again").format(line=pos.line))
        line_start = nl + 1
    return line_start + pos.column - 1


def _next_backup(path: Path) -> Path:
    """DRAFT.~N~ with the first free N, as GNU tools number their backups (beside the file a
    symbolic link points to)."""
    real = Path(os.path.realpath(path))
    n = 1
    while True:
        backup = real.with_name(f"{real.name}.~{n}~")
        if not backup.exists():
            return backup
        n += 1


def _keep(path: Path, backup: Path, data: bytes) -> None:
    """The draft as it was before the fix (the bytes the fix replaced, not a second read)."""
    try:
        write_atomically(backup, data)
    except InputError as exc:
        raise InputError(_("{path}: the fix is applied, but the previous version could not be kept ({exc})").format(
            path=path, exc=exc)) from None
