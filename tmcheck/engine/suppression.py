"""Inline suppressions: ``<!-- tmcheck: ignore TM201 -->`` hides the named findings on its own line
and the next; a directive names rules as ``--select`` does (TM201, TM2, weekday-mismatch, dates, and
a declarative rule by its id: house-style.en-per-cent, which hides that rule's findings only); with
none it hides every finding there. Unused ones are reported (TM001)."""

from __future__ import annotations

import re

from ..documents.model import Document, Position, Span
from ..findings import Finding
from .registry import registry
from .rule_files import is_rule_id

_CODE_LIKE = re.compile(r"[A-Z]{2}\d{1,3}")


def selectors(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a directive that name rules: codes and prefixes, and declarative rules' ids (even
    unknown ones, which then hide nothing: a misspelt id never hides every rule), and the names and
    family names of the rule table; other words are prose."""
    return tuple(w for w in words if _CODE_LIKE.fullmatch(w) or is_rule_id(w) or registry().matches(w))


def _resolve(words: tuple[str, ...], cache: dict) -> frozenset[str] | None:
    """The codes and declarative rule ids a directive hides (None: every rule)."""
    if words not in cache:
        chosen = selectors(words)
        named: set[str] = set()
        for w in chosen:
            if is_rule_id(w):
                named.add(w.lower())
            else:
                named.update(row.code for row in registry().matches(w))
        cache[words] = frozenset(named) if chosen else None
    return cache[words]


def _covers(named: frozenset[str] | None, f: Finding) -> bool:
    return named is None or f.code in named or (f.rule_id is not None and f.rule_id in named)


def apply_suppressions(document: Document, findings: list[Finding], report_unused: bool) -> list[Finding]:
    used: set[int] = set()
    kept: list[Finding] = []
    # The directives of each line, so that a finding looks at those of its line and the line above
    # only (thousands of directives cost as many look-ups, not thousands per finding).
    by_line: dict[int, list[int]] = {}
    cache: dict = {}
    hides = [_resolve(s.codes, cache) for s in document.suppressions]
    for i, s in enumerate(document.suppressions):
        by_line.setdefault(s.line, []).append(i)
    for f in findings:
        line = f.span.start.line
        hit = min((i for i in by_line.get(line, []) + by_line.get(line - 1, [])
                   if _covers(hides[i], f)), default=None)
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    if report_unused:
        # the rule's module only when unused suppressions are reported (the registry imports no check until it runs)
        from ..checks.meta import UnusedSuppression as rule

        for i, s in enumerate(document.suppressions):
            if i in used:
                continue
            named = selectors(s.codes)
            what = ", ".join(named) if named else "every rule"
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
