"""What a check reports: a finding, with where it is, what to write instead, and where else to look."""

from __future__ import annotations

from .documents.model import Span
from .named_tuples import NamedTuple
from .records import NEW, Record

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# How far a fix may be trusted: safe (certainly right and local: apply it without asking), unsafe
# (probably right, but a human decides: apply it when asked), display (a hint to show, never applied:
# the replacement is not certain enough, or its span is not exactly the text it would replace).
APPLICABILITIES = ("safe", "unsafe", "display")


class Related(NamedTuple):
    span: Span
    message: str


class Fix(NamedTuple):
    """A suggestion as data: the text of ``span`` (exactly that text) replaced by ``replacement``."""

    span: Span
    replacement: str
    applicability: str  # one of APPLICABILITIES


class Finding(Record):
    FIELDS = ("code", "rule", "severity", "message", "span", "suggestion", "related", "text", "context", "fingerprint",
              "segment", "decision", "applicability", "rule_id")

    def __init__(self, code: str, rule: str, severity: str, message: str, span: Span, suggestion: str | None = None,
                 related: list[Related] = NEW, text: str = "", context: str = "", fingerprint: str = "",
                 segment: str | None = None, decision: str | None = None, applicability: str | None = None,
                 rule_id: str | None = None):
        self.code = code
        self.rule = rule
        self.severity = severity
        self.message = message
        self.span = span
        self.suggestion = suggestion
        self.related = [] if related is NEW else related
        # The flagged text and a little context around it: what the fingerprint is made of, so that a
        # finding keeps its identity when lines are inserted above it or its paragraph is reflowed.
        self.text = text
        self.context = context
        self.fingerprint = fingerprint
        self.segment = segment
        self.decision = decision  # an editor's decision (review file): dismissed | accepted | fixed
        # Of the suggestion as a fix (see APPLICABILITIES): a check sets it where a finding's fix is less
        # certain than its rule's; the engine sets the others from the rule table, and makes "display"
        # any fix whose span does not hold the flagged text verbatim.
        self.applicability = applicability
        # The id of the declarative rule (rules/*.yaml) that made it, as --select, --ignore and inline
        # suppressions name it ("house-style.en-per-cent"); None for a finding of a rule in code.
        self.rule_id = rule_id

    @property
    def shown_rule(self) -> str:
        """The rule as reports and reviews name it beside the code: a declarative rule's own id,
        else the rule's name."""
        return self.rule_id or self.rule

    @property
    def fix(self) -> Fix | None:
        """The suggestion as a fix of the finding's span (None without a suggestion)."""
        if self.suggestion is None:
            return None
        return Fix(self.span, self.suggestion, self.applicability or "display")

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.start.line, self.span.start.column, self.code)
