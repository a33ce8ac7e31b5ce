"""Documents as a draft cites them: each citation's symbols (a joint document is one document with
two symbols), its title as cited, its kind, and the bodies the citing sentence names.

A citation is a symbol group in parentheses. In a documentation list the whole paragraph is the
title ("Rapport du Secrétariat sur ... (CTOC/COP/2012/10)"); in running text the title starts at the
kind of document ("... résumées dans le rapport du Secrétariat sur ... (CTOC/COP/WG.2/2012/3)"). A
symbol cited without parentheses ("document A/70/1") has no title here: nothing is guessed.
"""

from __future__ import annotations

import re

from ..documents.model import Paragraph
from ..documents.segment import parse_label
from ..lang.text import PerLanguage
from ..named_tuples import NamedTuple
from .symbols import Symbol, canonical_symbol, joint_groups

_KIND = PerLanguage(
    re.I,
    fr=(r"\b(rapports?|notes?|documents? de séance|documents? d'information|documents? de travail|études?|"
                     r"compilations?|ordre du jour(?: provisoire)?(?: annoté)?|résumés?|analyses?|projets? de \w+|"
                     r"lettres?|mémorandums?|recueils?|guides?|manuels?)\b"),
    en=(r"\b(reports?|notes?|conference room papers?|background papers?|working papers?|studies|study|"
                     r"compilations?|(?:annotated )?provisional agenda|summar(?:y|ies)|analys[ie]s|draft \w+|letters?|"
                     r"memorand(?:um|a)|handbooks?|guides?|manuals?)\b"),
)
_KIND_NAME = {"rapport": "report", "note": "note", "document de séance": "conference room paper",
              "conference room paper": "conference room paper", "report": "report"}
_POINTING = re.compile(r"\b(?:ce|cet|cette|ces|son|sa|ses|leur|leurs|this|that|these|those|its|their)\b", re.I)
# Bodies whose documents form a series of their own (a working group's CTOC/COP/WG.4/...), as
# opposed to a parent's general series (CTOC/COP/...), which any of its organs may cite.
SERIES_KINDS = {"working-group", "meeting"}


class Citation(NamedTuple):
    paragraph: Paragraph
    start: int  # the symbols' span
    end: int
    symbols: tuple[str, ...]  # canonical, in the order written
    written: tuple[Symbol, ...]
    title: tuple[int, int] | None  # the title as cited, in paragraph.text
    kind: str | None  # the kind of document the title starts with (or a pointer names): report, note...
    kinds: frozenset[str]  # each kind the title names ("Note ... transmitting the report": note, report)
    listed: bool  # an entry of a documentation list: the paragraph is the title and its symbol
    bodies: frozenset[str]  # working groups and meetings the sentence names before the symbol
    sentence: tuple[int, int]

    @property
    def key(self) -> tuple[int, int]:
        return (self.paragraph.index, self.start)

    @property
    def title_text(self) -> str:
        return self.paragraph.text[self.title[0]:self.title[1]] if self.title else ""


def read_citations(analysis) -> list[Citation]:
    out: list[Citation] = []
    g = analysis.glossary
    kind_pattern = _KIND[analysis.lang]
    for p in analysis.paragraphs:
        symbols = analysis.symbols(p)
        if not symbols:
            continue
        text = p.text
        for group in joint_groups(text, symbols):
            a, b = analysis.sentence_at(p, group[0].start)
            bodies = frozenset(
                t.entry_id for t in analysis.terms(p)
                if a <= t.start < group[0].start and t.role in ("term", "short")
                and g.entry(t.entry_id).kind in SERIES_KINDS)
            title, kinds, listed = _title(text, group, a, kind_pattern)
            lead = kind_pattern.match(text, title[0]) if title else None
            kind = _kind_name(lead.group(1)) if lead else next(iter(kinds), None)
            out.append(Citation(p, group[0].start, group[-1].end, tuple(canonical_symbol(s.text) for s in group),
                                tuple(group), title, kind, kinds, listed, bodies, (a, b)))
    return out


def _kind_name(word: str) -> str:
    word = word.lower()
    word = {"studies": "study", "summaries": "summary", "analyses": "analysis", "memoranda": "memorandum"}.get(word, word)
    if word.endswith("s") and not word.endswith(("ss", "is")):
        word = word[:-1]
    return _KIND_NAME.get(word, word)


def _title(text: str, group: list[Symbol], sentence_start: int, kind_pattern: re.Pattern):
    """(title span, kinds, listed) of a citation: no title when the symbol is not in parentheses
    or the text before it only points to a document ("le rapport sur cette réunion"), whose kind
    is kept all the same ("report")."""
    open_at = text.rfind("(", 0, group[0].start)
    if open_at < 0 or text[open_at + 1:group[0].start].strip():
        return None, frozenset(), False
    close = text[group[-1].end:group[-1].end + 2].lstrip()
    if not close.startswith((")", ",", ";")):
        return None, frozenset(), False
    end = open_at
    while end > 0 and text[end - 1] in " ,\u00a0":
        end -= 1
    label = parse_label(text)
    start = label.end if label else 0
    tail = text[text.find(")", group[-1].end) + 1:].strip() if ")" in text[group[-1].end:] else "x"
    # A documentation-list entry is a title and nothing else: it starts with the kind of document.
    listed = (sentence_start <= start and not tail.strip(" .;") and end - start >= 12
              and kind_pattern.match(text, start) is not None)
    if not listed:
        kinds = list(kind_pattern.finditer(text, max(sentence_start, end - 400), end))
        if not kinds:
            return None, frozenset(), False
        start = kinds[-1].start()
        # "dans le rapport du Secrétariat sur ..., le rapport ... (X)": the nearest kind; a kind
        # whose title would hold another citation is not this one's.
        if "(" in text[start:end] and re.search(r"\([^)]*/", text[start:end]):
            return None, frozenset(), False
        # "le rapport sur cette réunion", "its report": a reference, not the document's title.
        if _POINTING.search(text, start, end) or len(re.findall(r"[^\W\d_]{2,}|\d{4}", text[start:end])) < 4:
            pointer = end - start <= 60 and not _POINTING.fullmatch(text, start, start)
            return None, frozenset({_kind_name(kinds[-1].group(1))}) if pointer else frozenset(), False
    # "Note by the Secretariat transmitting the report on ...": a note, and the report it holds. An
    # entry of a documentation list lists one document: "Reports of ..." there is a slip.
    kinds = frozenset(_kind_name(m.group(1)) for m in kind_pattern.finditer(text, start, end))
    lead = kind_pattern.match(text, start)
    if listed and lead and len(group) == 1 and _kind_name(lead.group(1)) != lead.group(1).lower() \
            and lead.group(1).lower().endswith("s") and not lead.group(1).lower().endswith(("ss", "is")):
        kinds = (kinds - {_kind_name(lead.group(1))}) | {lead.group(1).lower()}
    return (start, end), kinds, listed
