"""What a rule is: a code, a kebab-case name, a default severity, and its own documentation.

A rule's docstring is its documentation and its first test. It has a one-line summary, then the
sections ``Why:``, and at least one ``Bad (fr):``/``Bad (en):`` and one ``Good (fr):``/``Good (en):``
example, each an indented block. For a rule that compares a source with its translation
(``scope = "pair"``), the language is the source's and the block is the source document, a line
``->``, then the translation; the two are aligned as ``tmcheck lint --source`` aligns them. ``tmcheck rules CODE`` prints it, and a meta-test lints every bad
example (it must fire) and every good one (it must stay clean). A rule that lacks them is refused at
import, like sqlfluff's rule metaclass does.
"""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator

from ..findings import SEVERITIES, Finding, Related
from ..named_tuples import NamedTuple

if TYPE_CHECKING:
    from ..documents.model import Paragraph
    from ..facts.analysis import Analysis, PairAnalysis

_CODE = re.compile(r"^TM\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
_SECTION = re.compile(r"^(Why|Fix|Bad \((?:fr|en)\)|Good \((?:fr|en)\)):\s*$", re.M)



class Example(NamedTuple):
    kind: str  # bad | good
    lang: str
    text: str


class RuleDoc(NamedTuple):
    summary: str
    why: str
    fix: str
    examples: tuple[Example, ...]


def _sections(doc: str) -> tuple[str, list[tuple[str, str]]]:
    """A docstring's summary and its (title, body) sections, bodies as written."""
    parts = _SECTION.split(inspect.cleandoc(doc or ""))
    return " ".join(parts[0].split()), list(zip(parts[1::2], parts[2::2]))


def parse_doc(doc: str) -> RuleDoc:
    # textwrap only when a rule's documentation is read (start-up cost: a lint shows none)
    import textwrap

    summary, sections = _sections(doc)
    why = fix = ""
    examples = []
    for title, body in sections:
        body = textwrap.dedent(body).strip("\n")
        if title == "Why":
            why = " ".join(body.split())
        elif title == "Fix":
            fix = " ".join(body.split())
        else:
            kind, lang = title[:-1].split(" (")
            examples.append(Example(kind.lower(), lang, body + "\n"))
    return RuleDoc(summary, why, fix, tuple(examples))


class _Documentation:
    """``Rule.doc``: a rule class's docstring parsed when first read (`tmcheck rules`, a SARIF or
    HTML report), once per class: a lint that shows no rule's documentation never dedents the
    examples of the rules it imports (its rules are checked at import all the same)."""

    def __init__(self):
        self._parsed: dict[type, RuleDoc] = {}

    def __get__(self, instance, owner) -> RuleDoc:
        try:
            return self._parsed[owner]
        except KeyError:
            doc = self._parsed[owner] = parse_doc(owner.__doc__ or "")
            return doc


class Rule:
    """Base class; subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    doc: ClassVar[RuleDoc] = _Documentation()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if getattr(cls, "abstract", False) and "abstract" in cls.__dict__:
            return
        where = f"{cls.__module__}.{cls.__name__}"
        if not _CODE.match(getattr(cls, "code", "")):
            raise TypeError(f"{where}: code must be TM + 3 digits")
        if not _NAME.match(getattr(cls, "name", "")):
            raise TypeError(f"{where}: name must be kebab-case")
        if getattr(cls, "severity", None) not in SEVERITIES:
            raise TypeError(f"{where}: severity must be one of {SEVERITIES}")
        # What parse_doc would find, without dedenting each example (see _Documentation).
        summary, sections = _sections(cls.__doc__ or "")
        why = next((body for title, body in reversed(sections) if title == "Why"), "")  # the last one, as there
        kinds = {title.split(" (")[0].lower() for title, _ in sections if title not in ("Why", "Fix")}
        if not summary or not why.split() or kinds != {"bad", "good"}:
            raise TypeError(f"{where}: the docstring needs a summary, 'Why:', and Bad/Good examples")

    scope: ClassVar[str] = "draft"  # "draft": one document; "pair": a source and its translation
    # True when a finding depends on one paragraph or pair alone, never on the rest of the document:
    # the engine may then judge a large file's segments in parallel.
    local: ClassVar[bool] = False

    @property
    def family(self) -> str:
        return self.code[:3]

    def check(self, analysis: "Analysis") -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    # Helpers so that every rule builds findings the same way.
    def finding(self, analysis: "Analysis", paragraph: "Paragraph", start: int, end: int, message: str,
                suggestion: str | None = None, related: Iterator[Related] | list[Related] = ()) -> Finding:
        # The draft's own characters (’, no-break spaces) in what is shown and kept in decisions,
        # the message's quotation of the flagged words included.
        verbatim = analysis.document.verbatim
        text = verbatim(paragraph, start, end)
        if len(text) > 1 and text != paragraph.text[start:end]:
            message = message.replace(paragraph.text[start:end], text)
        return Finding(
            code=self.code,
            rule=self.name,
            severity=self.severity,
            message=message,
            span=analysis.document.span(paragraph, start, end),
            suggestion=suggestion,
            related=list(related),
            text=text,
            context=verbatim(paragraph, max(0, start - 40), end + 40),
            segment=paragraph.segment,
        )

    def related(self, analysis: "Analysis", paragraph: "Paragraph", start: int, end: int, message: str) -> Related:
        return Related(analysis.document.span(paragraph, start, end), message)

    def finding_over(self, analysis: "Analysis", pieces, message: str, suggestion: str | None = None,
                     related: Iterator[Related] | list[Related] = ()) -> Finding:
        """A finding on text that runs over several paragraphs (a table cell's title wrapped over
        lines a PDF extraction split): ``pieces`` are (paragraph, start, end), in order."""
        first, last = pieces[0], pieces[-1]
        if len(pieces) == 1:
            return self.finding(analysis, first[0], first[1], first[2], message, suggestion, related)
        f = self.finding(analysis, first[0], first[1], len(first[0].text), message, suggestion, related)
        end = analysis.document.span(last[0], last[1], last[2]).end
        f.span = f.span._replace(end=end)
        f.text = " ".join(analysis.document.verbatim(p, a, b) for p, a, b in pieces)
        return f

    def related_over(self, analysis: "Analysis", pieces, message: str) -> Related:
        first, last = pieces[0], pieces[-1]
        span = analysis.document.span(first[0], first[1], first[2])
        if len(pieces) > 1:
            span = span._replace(end=analysis.document.span(last[0], last[1], last[2]).end)
        return Related(span, message)


class PairRule(Rule):
    """Base class of the rules that compare a source with its translation."""

    abstract = True
    scope = "pair"

    def check(self, pairs: "PairAnalysis") -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


class Difference(NamedTuple):
    """What a comparison of the two sides found, before a rule reports it."""

    part: str  # "changed": a fact of the source given otherwise | "one-sided": a fact on one side only
    paragraph: "Paragraph"  # of the translation
    start: int
    end: int
    message: str
    suggestion: str | None = None


class ComparisonRule(PairRule):
    """One of two rules that share a comparison of the sides: what changed (an error) and what one
    side alone has (information). The comparison runs once per file for both; each rule reports its
    own part of it."""

    abstract = True
    local = True
    part: ClassVar[str]  # "changed" | "one-sided"

    @staticmethod
    def compare(pa: "PairAnalysis") -> Iterable[Difference]:  # pragma: no cover - abstract
        raise NotImplementedError

    def check(self, pa: "PairAnalysis") -> Iterator[Finding]:
        compared = pa.memo(f"comparison:{type(self).__module__}", lambda: list(self.compare(pa)))
        for d in compared:
            if d.part == self.part:
                yield self.finding(pa.target, d.paragraph, d.start, d.end, d.message, d.suggestion)


def split_pair_example(text: str) -> tuple[str, str]:
    """A pair rule's example: the source document, a line "->", the translation."""
    source, _, target = text.partition("\n->\n")
    return source.strip("\n") + "\n", target.strip("\n") + "\n"
