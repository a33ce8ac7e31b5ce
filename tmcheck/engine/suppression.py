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
    # The directives of each line, so that a finding looks at those of its line and the line above
    # only (thousands of directives cost as many look-ups, not thousands per finding).
    by_line: dict[int, list[int]] = {}
    for i, s in enumerate(document.suppressions):
        by_line.setdefault(s.line, []).append(i)
    for f in findings:
        line = f.span.start.line
        hit = min((i for i in by_line.get(line, []) + by_line.get(line - 1, [])
                   if _covers(document.suppressions[i].codes, f.code)), default=None)
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
            # The directive and a little context, as other findings have: never the whole line,
            # which thousands of directives on one line would copy and hash thousands of times.
            # (A directive alone on its line gives the line, as it always did.)
            a, b = s.column - 1, end_col - 1
            kept.append(Finding(rule.code, rule.name, rule.severity,
                                f"this suppression ({what}) hides nothing on this line or the next; remove it",
                                span, text=line[a:b].strip(), context=line[max(0, a - 40):b + 40].strip()))
    return kept
