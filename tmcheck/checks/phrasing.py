"""TM503: a sentence that says what a standard sentence of the memories says, in other words."""

from __future__ import annotations

import re

from ..facts.analysis import Analysis
from ..i18n import _
from ..lang.calendar import month_name, weekday_name
from ..lang.lcs import best_match
from ..lang.text import fold_text
from .base import Rule

# Below this fuzzy score the draft says something else, not the same thing in other words.
MIN_SCORE = 80
_MIN_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+")
# _MIN_WORDS words (runs of _WORD apart), found without listing every word of every sentence; each
# attempt starts at a word's start, so that a sentence of fewer words costs a pass or two.
_ENOUGH_WORDS = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:[\W\d_]+[^\W\d_]+){%d}" % (_MIN_WORDS - 1))


def _calendar_words(lang: str) -> frozenset[str]:
    return frozenset(fold_text(n) for n in [month_name(lang, m) for m in range(1, 13)]
                     + [weekday_name(lang, d) for d in range(7)])


def _numbers(text: str, lang: str) -> list[str]:
    # lang.numbers only when the rule runs: 'tmcheck rules' imports this module for its documentation
    from ..lang.numbers import find_numbers

    return sorted(n.value for n in find_numbers(text, lang))


def _edits(changes) -> list[tuple[str, int, int, int, int]]:
    """Each edit with its span in the memory's text and in the draft's: (text, m0, m1, d0, d1)."""
    out, m, d = [], 0, 0
    for c in changes:
        n = len(c.text)
        if c.op == "equal":
            m, d = m + n, d + n
        elif c.op == "delete":
            out.append((c.text, m, m + n, d, d))
            m += n
        else:
            out.append((c.text, m, m, d, d + n))
            d += n
    return out


def _overlaps(spans, a: int, b: int) -> bool:
    return any(s < max(b, a + 1) and a < e for s, e in spans)


def _wording_only(edits, memory_terms, draft_terms, calendar: frozenset[str]) -> bool:
    """Edits in plain lower-case words only, outside official titles and terms: a number, a date,
    a name or a title that differs is another fact (the other families judge those), and a
    difference of case or punctuation alone is typography, not phrasing."""
    if not any(_WORD.search(t) for t, *_ in edits):
        return False
    for text, m0, m1, d0, d1 in edits:
        if any(ch.isdigit() or ch.isupper() for ch in text):
            return False
        if any(fold_text(w) in calendar for w in _WORD.findall(text)):
            return False
        if _overlaps(memory_terms, m0, m1) or _overlaps(draft_terms, d0, d1):
            return False
    return True


class StandardPhrasing(Rule):
    """A sentence close to a standard sentence of the memories but worded differently.

    Why:
        Agendas and annotations repeat the house's standard sentences ("Pour l’examen de ce point,
        la Conférence sera saisie…"); a reworded one reads as if it meant something else, and
        revisers change it back. The memories shipped with tmcheck hold the standard wording.

    Fix:
        Use the memory's wording (the suggestion), or keep yours if the difference is meant.

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
                if not _wording_only(_edits(differences(text, standard)), memory_terms, draft_terms, calendar):
                    continue
                # Last, as the costliest test (the number grammar is compiled on first use):
                # "sixty-sixth session" for "sixty-fifth" is another fact, not other wording.
                if _numbers(text, analysis.lang) != _numbers(standard, analysis.lang):
                    continue
                yield self.finding(analysis, p, begin, begin + len(text),
                                   _("standard phrasing differs ({percent}% match in memory '{memory}')").format(
                                       percent=int(hit[1]), memory=phrases.memory[found]), standard)



RULES = [StandardPhrasing]
