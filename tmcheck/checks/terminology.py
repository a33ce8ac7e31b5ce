"""TM401: terminology — forbidden variants from the glossary (TM402, house style: house_style.py)."""

from __future__ import annotations

import re

from ..glossary.index import content_words
from ..lang.text import as_written, fold_text
from ..facts.analysis import Analysis
from ..i18n import _
from .base import Rule


class ForbiddenTerm(Rule):
    """A variant of an official title or term that the glossary marks as wrong.

    Why:
        Terminologists record the wrong forms translators really produce ("Office des Nations
        Unies contre la drogue et les crimes", "United Nations Office for Drugs and Crime"); each
        one found is an error with a known fix.

    Fix:
        Write the form given as suggestion: of the official title and its accepted forms, the one
        nearest to what was written ("Organized Crime Convention" for "Organised Crime
        Convention"), without the words the draft already writes after the wrong form.

    Bad (fr):
        Le rapport de l'Office des Nations Unies contre la drogue et les crimes est publié.

    Good (fr):
        Le rapport de l'Office des Nations Unies contre la drogue et le crime est publié.

    Bad (en):
        The report of the United Nations Office for Drugs and Crime is published.

    Good (en):
        The report of the United Nations Office on Drugs and Crime is published.
    """

    code = "TM401"
    name = "forbidden-term"
    severity = "error"
    local = True

    def check(self, analysis: Analysis):
        g = analysis.glossary
        for p in analysis.paragraphs:
            for t in analysis.terms(p):
                if t.role != "forbidden":
                    continue
                written = p.text[t.start:t.end]
                right = as_written(_replacement(g.entry(t.entry_id).side(analysis.lang), written, p.text[t.end:]), written)
                yield self.finding(analysis, p, t.start, t.end,
                                   _("'{written}' is a wrong form of '{right}'").format(written=written, right=right),
                                   right)


def _replacement(side, written: str, after: str) -> str:
    """What replaces the wrong form: of the official title and its accepted forms of three words or
    more, the one nearest to what was written ("Organized Crime Convention" for "Organised Crime
    Convention"), without the end of it that the draft writes after the wrong form ("Protocol to
    Prevent, Suppress and Punish Trafficking of Persons, Especially Women and Children, ...":
    the fix replaces "Trafficking of Persons" and not the words that follow it)."""
    forms = [side.term, *(f for f in side.short if content_words(f) >= 3 and f != side.term)]
    if len(forms) > 1:
        from rapidfuzz.fuzz import ratio  # only once a wrong form is found (start-up cost)

        folded = fold_text(written)
        form = max(forms, key=lambda f: ratio(fold_text(f), folded))  # the title on a tie
    else:
        form = forms[0]
    rest = " ".join(fold_text(after[:len(form) + 40]).split())
    for cut in (m.start() for m in _WORD_START.finditer(form)):
        tail = " ".join(fold_text(form[cut:]).split())
        if len(tail.split()) >= 2 and rest.startswith(tail):
            return form[:cut].rstrip(" ,;")
    return form


# Where the end of a form may start: before a word, after a space or a comma.
_WORD_START = re.compile(r"(?<=\w)(?:,\s|\s)(?=\w)")


RULES = [ForbiddenTerm]
