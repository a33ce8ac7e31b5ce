"""TM503: a sentence that says what a standard sentence of the memories says, in other words."""

from __future__ import annotations

import re

from ..facts.analysis import Analysis
from ..i18n import _
from ..lang.calendar import month_name, weekday_name
from ..lang.lcs import best_match
from ..lang.text import fold_text
from ..named_tuples import NamedTuple
from .base import Rule

# Below this fuzzy score the draft says something else, not the same thing in other words.
MIN_SCORE = 80
_MIN_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# _MIN_WORDS words (runs of _WORD apart), found without listing every word of every sentence; each
# attempt starts at a word's start, so that a sentence of fewer words costs a pass or two.
_ENOUGH_WORDS = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:[\W\d_]+[^\W\d_]+){%d}" % (_MIN_WORDS - 1))


def _calendar_words(lang: str) -> frozenset[str]:
    return frozenset(fold_text(n) for n in [month_name(lang, m) for m in range(1, 13)]
                     + [weekday_name(lang, d) for d in range(7)])


class _Group(NamedTuple):
    """A run of edits between two stretches the sentence and the standard share: what the memory
    has there and what the draft has, and where."""

    memory: str
    draft: str
    m0: int
    m1: int
    d0: int
    d1: int


def _groups(changes) -> list[_Group]:
    """The edits of ``changes`` (memory.fuzzy.differences), run by run."""
    out: list[_Group] = []
    m = d = m0 = d0 = 0
    memory = draft = ""
    for c in [*changes, None]:
        if c is None or c.op == "equal":
            if memory or draft:
                out.append(_Group(memory, draft, m0, m0 + len(memory), d0, d0 + len(draft)))
                memory = draft = ""
            if c is not None:
                m, d = m + len(c.text), d + len(c.text)
            continue
        if not (memory or draft):
            m0, d0 = m, d
        if c.op == "delete":
            memory += c.text
            m += len(c.text)
        else:
            draft += c.text
            d += len(c.text)
    return out


def _overlaps(spans, a: int, b: int) -> bool:
    return any(s < max(b, a + 1) and a < e for s, e in spans)


# The words a date is written with besides its numbers and calendar names.
_DATE_WORDS = frozenset("on from to and of the le les du au et".split())


def _dated(text: str, lang: str, calendar: frozenset[str]) -> bool | None:
    """Whether ``text`` (one side of a run of edits) is a date and nothing else (" on Thursday, 3 May
    2018", "14 avril 2016"): True; no word nor number at all: None. A date names its month or its
    weekday: a time ("3 p.m.-6 p.m.") or a bare number (a session's, a symbol's year) is a fact
    of another kind, the sentence another one (a programme row, another document)."""
    words = [fold_text(w) for w in _WORD.findall(text)]
    if not any(w in calendar for w in words):
        # Most runs: no month nor weekday, so no date, told without the number grammar (compiled
        # on first use: a tenth of a short draft's lint).
        return None if not words and not any(c.isdigit() for c in text) else False
    rest = list(text)
    for n in _find_numbers(text, lang):
        a, b = n.span
        rest[a:b] = " " * (b - a)
    return all(w in calendar or w in _DATE_WORDS for w in map(fold_text, _WORD.findall("".join(rest))))


def _find_numbers(text: str, lang: str):
    # lang.numbers only when the rule runs: 'tmcheck rules' imports this module for its documentation
    from ..lang.numbers import find_numbers

    return find_numbers(text, lang)


def _numbers(text: str, lang: str) -> list[str]:
    return sorted(n.value for n in _find_numbers(text, lang))


def _is_date(g: _Group, lang: str, calendar: frozenset[str]) -> bool:
    """A date on one side, a date or nothing on the other: the standard sentence of another meeting
    ("on 6 February 2018" for "14 April 2016", a date added)."""
    sides = (_dated(g.memory, lang, calendar), _dated(g.draft, lang, calendar))
    return True in sides and False not in sides


def _is_wording(g: _Group, memory_terms, draft_terms, calendar: frozenset[str]) -> bool:
    """Plain lower-case words outside official titles and terms: a name or a title that differs is
    another fact (the other families judge those)."""
    both = g.memory + " " + g.draft
    if any(ch.isdigit() or ch.isupper() for ch in both):
        return False
    if any(fold_text(w) in calendar for w in _WORD.findall(both)):
        return False
    # Each side's words, and the place where the other side's stand in it: a word put in just
    # before a title touches the title (as when each edit was read alone).
    if g.memory and (_overlaps(memory_terms, g.m0, g.m1) or _overlaps(draft_terms, g.d0, g.d0)):
        return False
    return not (g.draft and (_overlaps(draft_terms, g.d0, g.d1) or _overlaps(memory_terms, g.m1, g.m1)))


def _with_standard_wording(text: str, standard: str, wording: list[_Group]) -> str:
    """The draft's sentence with the standard's words in place of its rewordings, its dates kept."""
    out, at = [], 0
    for g in wording:
        out += [text[at:g.d0], standard[g.m0:g.m1]]
        at = g.d1
    out.append(text[at:])
    return "".join(out)


class StandardPhrasing(Rule):
    """A sentence close to a standard sentence of the memories but worded differently.

    Why:
        Agendas and annotations repeat the house's standard sentences ("Pour l’examen de ce point,
        la Conférence sera saisie…"); a reworded one reads as if it meant something else, and
        revisers change it back. The memories shipped with tmcheck hold the standard wording.

        A sentence whose dates differ from the memory's (the standard sentence of another meeting)
        is read with its own dates; one whose names, titles, times or other numbers differ is
        another sentence, which the other families judge.

    Fix:
        Use the memory's wording (the suggestion, with the draft's own dates), or keep yours if the
        difference is meant.

    Bad (fr):
        Aucun document n’est actuellement envisagé au titre de ce point.

    Good (fr):
        Aucun document n’est actuellement prévu au titre de ce point.

    Bad (en):
        No documents are currently planned under this item.

    Good (en):
        No documents are currently envisaged under this item.
    """

    code = "TM503"
    name = "standard-phrasing"
    severity = "info"
    local = True

    def check(self, analysis: Analysis):
        # the memory's phrases only when the rule runs (start-up cost of 'tmcheck rules' and of a --select without it)
        from ..glossary import find_terms
        from ..memory.fuzzy import differences
        from ..memory.normalize import normalize

        # The memories' standard phrases in the draft's language, read by the engine (checks read no file).
        phrases = (analysis.options.get("standard_phrases") or {}).get(analysis.lang)
        if phrases is None or not phrases.norms:
            return
        calendar = _calendar_words(analysis.lang)
        for p in analysis.paragraphs:
            for start, end in analysis.sentences(p):
                text = p.text[start:end].strip()
                # Most sentences reach no phrase: told first, and a short one by its length alone.
                ids = phrases.candidates(text, MIN_SCORE)
                if not ids or not _ENOUGH_WORDS.search(text):
                    continue
                norm = normalize(text)
                choices = [phrases.norms[i] for i in ids]
                if norm in choices:
                    continue  # the standard sentence itself (the best match, at 100)
                hit = best_match(norm, choices, MIN_SCORE)
                if hit is None or hit[0] == norm:
                    continue
                found = ids[hit[2]]
                standard = phrases.texts[found]
                begin = start + len(p.text[start:end]) - len(p.text[start:end].lstrip())
                memory_terms = [(t.start, t.end) for t in find_terms(analysis.glossary, standard, analysis.lang)]
                draft_terms = [(t.start - begin, t.end - begin) for t in analysis.terms(p)
                               if begin <= t.start < begin + len(text)]
                wording, dates, other = [], [], False
                for g in _groups(differences(text, standard)):
                    if not _LETTER_OR_DIGIT.search(g.memory + g.draft):
                        continue  # punctuation or spaces alone: typography, not phrasing
                    if _is_date(g, analysis.lang, calendar):
                        dates.append(g)
                    elif _is_wording(g, memory_terms, draft_terms, calendar):
                        wording.append(g)
                    else:
                        other = True  # a name or a title: another sentence, not other words
                        break
                if other or not wording:
                    continue
                if dates:
                    # The standard sentence of another meeting, its dates its own: the suggestion
                    # changes the wording only, unless a number is among it ("sixième session" for
                    # "onzième": that meeting's number, another fact).
                    if any(_find_numbers(g.memory, analysis.lang) or _find_numbers(g.draft, analysis.lang)
                           for g in wording):
                        continue
                    suggestion = _with_standard_wording(text, standard, wording)
                elif _numbers(text, analysis.lang) != _numbers(standard, analysis.lang):
                    # Last, as the costliest test (the number grammar is compiled on first use):
                    # "sixty-sixth session" for "sixty-fifth" is another fact, not other wording.
                    continue
                else:
                    suggestion = standard
                yield self.finding(analysis, p, begin, begin + len(text),
                                   _("standard phrasing differs ({percent}% match in memory '{memory}')").format(
                                       percent=int(hit[1]), memory=phrases.memory[found]), suggestion)



RULES = [StandardPhrasing]
