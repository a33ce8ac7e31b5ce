"""TM309: one meeting named two ways (a session in one place, a meeting in another)."""

from __future__ import annotations

from ..facts.analysis import Analysis
from ..facts.bodies import body_name
from ..facts.meeting_nouns import noun_before
from ..facts.model import Facts
from ..i18n import _
from .base import Rule
from .messages import kind_name, of_body


class MeetingNameConflict(Rule):
    """One meeting called a session in one place and a meeting in another.

    Why:
        A body's gatherings have one name: the Commission holds sessions, a working group holds
        meetings. The same gathering, on the same days, called a "session" in the documentation
        list and a "meeting" in the agenda is a slip that changes the title of a report and sends
        the reader looking for a document that does not exist.

    Fix:
        Name the meeting as the other places do (the suggestion).

    Bad (fr):
        2. Suite donnée aux recommandations adoptées par le Groupe de travail à sa réunion tenue du 16 au 18 novembre 2015

        Rapport sur la session du Groupe de travail sur la traite des personnes tenue à Vienne du 16 au 18 novembre 2015 (CTOC/COP/WG.4/2015/6)

        Le Groupe de travail sur la traite des personnes a tenu une réunion du 16 au 18 novembre 2015.

    Good (fr):
        2. Suite donnée aux recommandations adoptées par le Groupe de travail à sa réunion tenue du 16 au 18 novembre 2015

        Rapport sur la réunion du Groupe de travail sur la traite des personnes tenue à Vienne du 16 au 18 novembre 2015 (CTOC/COP/WG.4/2015/6)

    Bad (en):
        2. Follow-up to the recommendations adopted by the Working Group at its meeting held from 16 to 18 November 2015

        Report on the session of the Working Group on Trafficking in Persons held in Vienna from 16 to 18 November 2015 (CTOC/COP/WG.4/2015/6)

        The Working Group on Trafficking in Persons held a meeting from 16 to 18 November 2015.

    Good (en):
        2. Follow-up to the recommendations adopted by the Working Group at its meeting held from 16 to 18 November 2015

        Report on the meeting of the Working Group on Trafficking in Persons held in Vienna from 16 to 18 November 2015 (CTOC/COP/WG.4/2015/6)
    """

    code = "TM309"
    name = "meeting-name-conflict"
    severity = "warning"

    def check(self, analysis: Analysis):
        for c in Facts.of(analysis).kind_conflicts:
            at, other = c.at, c.other
            word = _noun(analysis, at)
            right = _noun(analysis, other)
            yield self.finding(
                analysis, at.paragraph, word[0], word[1],
                _("this {kind} {of_body} is called a {other_kind} elsewhere, on the same days").format(
                    kind=kind_name(at.kind), of_body=of_body(body_name(analysis, at.body)),
                    other_kind=kind_name(other.kind)),
                _same_case(at.paragraph.text[word[0]:word[1]], right[2]),
                related=[self.related(analysis, other.paragraph, right[0], right[1],
                                      _("called a {kind}").format(kind=kind_name(other.kind)))])



def _noun(analysis: Analysis, m) -> tuple[int, int, str]:
    """The meeting noun nearest before the mention's dates ("session", "réunion")."""
    # A mention with dates starts at them (the noun is before); one without, at its noun.
    return noun_before(m.paragraph.text, m.sentence[0], m.start if m.dates is not None else m.end)


def _same_case(written: str, word: str) -> str:
    return word[:1].upper() + word[1:] if written[:1].isupper() else word


RULES = [MeetingNameConflict]
