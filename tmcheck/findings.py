"""What a check reports: a finding, with where it is, what to write instead, and where else to look."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .documents.model import Span

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


class Related(NamedTuple):
    span: Span
    message: str


@dataclass
class Finding:
    code: str
    rule: str
    severity: str
    message: str
    span: Span
    suggestion: str | None = None
    related: list[Related] = field(default_factory=list)
    # The flagged text and a little context around it: what the fingerprint is made of, so that a
    # finding keeps its identity when lines are inserted above it or its paragraph is reflowed.
    text: str = ""
    context: str = ""
    fingerprint: str = ""
    segment: str | None = None
    decision: str | None = None  # an editor's decision (review file): dismissed | accepted | fixed

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.start.line, self.span.start.column, self.code)
