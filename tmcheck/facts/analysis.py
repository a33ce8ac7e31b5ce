"""What several checks need to know about one draft, computed once: glossary matches, document
symbols, dates (with the year a table row takes from the document), sentences."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from functools import cached_property

from ..documents.model import Document, Paragraph
from ..documents.segment import sentences
from ..glossary import Glossary, TermMatch, find_terms
from ..lang.dates import DateMention, DayRef, find_dates, may_hold_dates
from ..named_tuples import NamedTuple
from .symbols import Symbol, find_symbols

_UNKNOWN = object()  # what per_paragraph has not built yet (None may be built)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"»)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)


class DatedDay(NamedTuple):
    """One day of a date mention, with the year it has or takes from the document."""

    paragraph: Paragraph
    mention: DateMention
    day: DayRef
    year: int | None
    year_source: str  # written | same-day (written in full elsewhere) | paragraph | document


class Analysis:
    def __init__(self, document: Document, lang: str, glossary: Glossary, options: dict | None = None):
        self.document = document
        self.lang = lang
        self.glossary = glossary
        self.options = options or {}
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._memos: dict[str, dict[int, object]] = {}  # see per_paragraph
        self._ordered: dict[str, list[tuple]] = {}  # see in_order
        self._whole: dict[str, object] = {}  # see memo
        # The analysis of the whole document; a part's (a slice of a large file, see share_with)
        # is set by whoever makes the part: see document_memo.
        self.whole: Analysis = self

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self.document.paragraphs

    # What this class finds paragraph by paragraph, whatever the rest of the document, it keeps
    # through per_paragraph (by paragraph index) and in_order (a list in paragraph order); so do
    # the checks. Both are shared with the analysis of a part of the document (share_with).

    def per_paragraph(self, name: str, p: Paragraph, build):
        """``build(p)``, computed once per paragraph for every check that asks under ``name``."""
        # Asked tens of thousands of times on a large draft: one look-up each when known.
        memo = self._memos.get(name)
        if memo is None:
            memo = self._memos[name] = {}
        value = memo.get(p.index, _UNKNOWN)
        if value is _UNKNOWN:
            value = memo[p.index] = build(p)
        return value

    def in_order(self, name: str, build) -> list[tuple]:
        """``build()``, a list of tuples whose first item is the paragraph, in paragraph order:
        computed once for every check that asks under ``name``."""
        if name not in self._ordered:
            self._ordered[name] = build()
        return self._ordered[name]

    def memo(self, name: str, build):
        """``build()``, a value that depends on the whole document, computed once for every check
        that asks under ``name`` (never shared with the analysis of a part: see share_with)."""
        try:
            return self._whole[name]
        except KeyError:
            value = self._whole[name] = build()
            return value

    def document_memo(self, name: str, build):
        """``build(whole)``, a fact of the whole document that a rule judging each paragraph alone
        may still read (the bodies the document names anywhere), computed once on the analysis of
        the whole document, ``whole``, also when a part's analysis asks."""
        whole = self.whole
        return whole.memo(name, lambda: build(whole))

    def share_with(self, part: Analysis) -> None:
        """Give ``part``, the analysis of some of this document's paragraphs (in the same language),
        what this one has already found paragraph by paragraph, rather than have it find it again."""
        part._sentences = self._sentences
        part._memos = self._memos
        keep = {p.index for p in part.paragraphs}
        part._ordered = {name: [item for item in items if item[0].index in keep] for name, items in self._ordered.items()}

    # -- glossary -----------------------------------------------------------------------------
    def terms(self, paragraph: Paragraph) -> list[TermMatch]:
        # Asked some four times per paragraph: a known paragraph's terms without making the builder.
        known = self._memos.get("terms")
        if known is not None:
            found = known.get(paragraph.index, _UNKNOWN)
            if found is not _UNKNOWN:
                return found
        return self.per_paragraph("terms", paragraph, lambda p: find_terms(self.glossary, p.text, self.lang))

    # -- symbols, URLs ------------------------------------------------------------------------
    def symbols(self, paragraph: Paragraph) -> list[Symbol]:
        return self.per_paragraph("symbols", paragraph, find_symbols)

    def all_symbols(self) -> list[Symbol]:
        return [s for p in self.paragraphs for s in self.symbols(p)]

    def protected(self, paragraph: Paragraph) -> list[tuple[int, int]]:
        """Spans no word-level check looks inside: document symbols, URLs, e-mail addresses."""
        spans = [(s.start, s.end) for s in self.symbols(paragraph)]
        if "www" in paragraph.text or "://" in paragraph.text or "@" in paragraph.text:
            spans += [(m.start(), m.end()) for m in _URL.finditer(paragraph.text)]
        return spans

    # -- sentences ----------------------------------------------------------------------------
    def sentences(self, paragraph: Paragraph) -> list[tuple[int, int]]:
        cache = self._sentences
        if paragraph.index not in cache:
            cache[paragraph.index] = sentences(paragraph.text)
        return cache[paragraph.index]

    def sentence_at(self, paragraph: Paragraph, offset: int) -> tuple[int, int]:
        for a, b in self.sentences(paragraph):
            if a <= offset < b:
                return a, b
        return 0, len(paragraph.text)

    # -- dates --------------------------------------------------------------------------------
    @property
    def mentions(self) -> list[tuple[Paragraph, DateMention]]:
        def build():
            out = []
            for p in self.paragraphs:
                if may_hold_dates(p.text):
                    out.extend((p, m) for m in find_dates(p.text, self.lang))
            return out

        return self.in_order("mentions", build)

    @cached_property
    def _mentions_by_paragraph(self) -> dict[int, list[DateMention]]:
        out: dict[int, list[DateMention]] = {}
        for p, m in self.mentions:
            out.setdefault(p.index, []).append(m)
        return out

    def mentions_in(self, paragraph: Paragraph, start: int = 0, end: int | None = None) -> list[DateMention]:
        end = len(paragraph.text) if end is None else end
        return [m for m in self._mentions_by_paragraph.get(paragraph.index, ()) if start <= m.span[0] and m.span[1] <= end]

    @cached_property
    def _years_by_group(self) -> dict[str, int]:
        """The year most explicit dates of each document carry (its session year), latest on a tie;
        a file of many documents (a TSV with a doc_id column) has one per document."""
        counts: dict[str, Counter] = {}
        for p, m in self.mentions:
            for d in m.days:
                if d.year:
                    counts.setdefault(p.group, Counter())[d.year] += 1
        return {g: max(c, key=lambda y: (c[y], y)) for g, c in counts.items()}

    @cached_property
    def dated_days(self) -> list[DatedDay]:
        # Every day the draft dates with a year, the days inside written ranges included ("du 17
        # au 21 octobre 2016" dates the annex row "Mardi 18 octobre").
        explicit: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for p, m in self.mentions:
            for d in m.days:
                if d.year:
                    explicit.setdefault((p.group, d.day, d.month), []).append((p.index, d.year))
            if m.kind == "range" and len(m.days) == 2 and all(d.year for d in m.days):
                first, last = (d.as_date() for d in m.days)
                if first and last and 0 < (last - first).days <= 62:
                    for n in range(1, (last - first).days):
                        day = first + timedelta(n)
                        explicit.setdefault((p.group, day.day, day.month), []).append((p.index, day.year))
        out = []
        for p, m in self.mentions:
            for d in m.days:
                if d.year:
                    out.append(DatedDay(p, m, d, d.year, "written"))
                    continue
                year, source = self._infer_year(p, m, d, explicit)
                out.append(DatedDay(p, m, d, year, source))
        return out

    def _infer_year(self, p: Paragraph, m: DateMention, d: DayRef, explicit) -> tuple[int | None, str]:
        same = explicit.get((p.group, d.day, d.month))
        if same:
            years = {y for _, y in same}
            if len(years) == 1:
                return years.pop(), "same-day"
            # The same day of two years ("13 mars 2014" recalled, the session "du 13 au 17 mars
            # 2017"): the document's own year, else the nearest.
            own = self._years_by_group.get(p.group)
            if own in years:
                return own, "same-day"
            return min(same, key=lambda s: abs(s[0] - p.index))[1], "same-day"
        before = [x.year for x2 in self._mentions_by_paragraph.get(p.index, ()) if x2.span[1] <= m.span[0]
                  for x in x2.days if x.year]
        if before:
            return before[-1], "paragraph"
        return self._years_by_group.get(p.group), "document"


class PairAnalysis:
    """A source and its translation: each side analysed as a draft, and the pairs between them."""

    def __init__(self, bitext, glossary: Glossary, options: dict | None = None):
        self.bitext = bitext
        self.glossary = glossary
        self.source = Analysis(bitext.source, bitext.source_lang, glossary, options)
        self.target = Analysis(bitext.target, bitext.target_lang, glossary, options)
        self._whole: dict[str, object] = {}

    def memo(self, name: str, build):
        """``build()``, computed once for every pair rule that asks under ``name``."""
        try:
            return self._whole[name]
        except KeyError:
            value = self._whole[name] = build()
            return value

    def share_with(self, part: PairAnalysis) -> None:
        """See :meth:`Analysis.share_with`: for both sides of some of these pairs."""
        self.source.share_with(part.source)
        self.target.share_with(part.target)

    @property
    def pairs(self):
        return self.bitext.pairs

    @property
    def source_lang(self) -> str:
        return self.bitext.source_lang

    @property
    def target_lang(self) -> str:
        return self.bitext.target_lang
