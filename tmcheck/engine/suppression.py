"""Inline suppressions: ``<!-- tmcheck: ignore TM201 -->`` hides the named findings on its own line
and the next; with no code it hides every finding there. Unused ones are reported (TM001)."""

from __future__ import annotations

from ..documents.model import Document, Position, Span
from ..findings import Finding


def _covers(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code.startswith(c) for c in codes)


def apply_suppressions(document: Document, findings: list[Finding], report_unused: bool) -> list[Finding]:
    used: set[int] = set()
    kept: list[Finding] = []
    for f in findings:
        hit = None
        for i, s in enumerate(document.suppressions):
            if f.span.start.line in (s.line, s.line + 1) and _covers(s.codes, f.code):
                hit = i
                break
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    if report_unused:
        from ..checks.meta import UnusedSuppression as rule

        for i, s in enumerate(document.suppressions):
            if i in used:
                continue
            what = ", ".join(s.codes) if s.codes else "every rule"
            line = document.line_text(s.line)
            end = line.find("-->", s.column - 1)
            end_col = end + 4 if end != -1 else s.column + 1
            span = Span(document.path, Position(s.line, s.column), Position(s.line, end_col))
            kept.append(Finding(rule.code, rule.name, rule.severity,
                                f"this suppression ({what}) hides nothing on this line or the next; remove it",
                                span, text=line.strip(), context=line.strip()))
    return kept
