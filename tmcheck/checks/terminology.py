"""TM401: terminology — forbidden variants from the glossary (TM402, house style: house_style.py)."""

from __future__ import annotations

from ..lang.text import as_written
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
        Write the official form given as suggestion.

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
                right = g.entry(t.entry_id).side(analysis.lang).term
                written = p.text[t.start:t.end]
                right = as_written(right, written)
                yield self.finding(analysis, p, t.start, t.end,
                                   _("'{written}' is a wrong form of '{right}'").format(written=written, right=right),
                                   right)


RULES = [ForbiddenTerm]
