"""TM309: one meeting named two ways (a session in one place, a meeting in another; or two numbers
for the same days)."""

from __future__ import annotations

import re

from ..facts.analysis import Analysis
from ..facts.bodies import body_name
from ..facts.meeting_nouns import last_noun
from ..facts.model import Facts
from ..i18n import _
from .base import Rule
from .messages import kind_name, of_body


class MeetingNameConflict(Rule):
    """One meeting called a session in one place and a meeting in another, or given two numbers for
    the same days.

    Why:
        A body's gatherings have one name: the Commission holds sessions, a working group holds
        meetings. The same gathering, on the same days, called a "session" in the documentation
        list and a "meeting" in the agenda is a slip that changes the title of a report and sends
        the reader looking for a document that does not exist. So does a number: "its twenty-sixth
        session, to be held from 23 to 27 May 2016" where the heading and the other places give
        the twenty-fifth for those days.

    Fix:
        Name the meeting as the other places do (the suggestion); for its number, the one most
        places give.

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
        facts = Facts.of(analysis)
        for c in facts.number_conflicts:
            at = c.at
            # Pointed at where the other number is written with its noun, rather than at dates
            # that only take it from a heading.
            other = next((m for m in c.entity.mentions if m.ordinal == c.other.ordinal and m.kind == at.kind
                          and m.body == at.body and _named_noun(m) is not None), c.other)
            a, b = _numbered(at)
            x, y = _numbered(other)
            yield self.finding(
                analysis, at.paragraph, a, b,
                _("this {kind} {of_body} is numbered {number} here and {other} elsewhere, for days they share").format(
                    kind=kind_name(at.kind), of_body=of_body(body_name(analysis, at.body)),
                    number=at.ordinal, other=other.ordinal),
                related=[self.related(analysis, other.paragraph, x, y,
                                      _("numbered {number}").format(number=other.ordinal))])
        for c in facts.kind_conflicts:
            at, other = c.at, c.other
            word = _noun(at)
            right = _noun(other)
            yield self.finding(
                analysis, at.paragraph, word[0], word[1],
                _("this {kind} {of_body} is called a {other_kind} elsewhere, on the same days").format(
                    kind=kind_name(at.kind), of_body=of_body(body_name(analysis, at.body)),
                    other_kind=kind_name(other.kind)),
                _same_case(at.paragraph.text[word[0]:word[1]], right[2]),
                related=[self.related(analysis, other.paragraph, right[0], right[1],
                                      _("called a {kind}").format(kind=kind_name(other.kind)))])



def _before_dates(m) -> tuple[int, int]:
    """Where the mention's sentence may name the meeting: a mention with dates starts at them (the
    noun is before); one without, at its noun."""
    return m.sentence[0], m.start if m.dates is not None else m.end


def _named_noun(m) -> tuple[int, int, str] | None:
    """The last meeting noun before the mention's dates ("session", "réunion"); None where the
    sentence names it by no noun, as "Vienna, 15-19 October 2012" under a heading."""
    return last_noun(m.paragraph.text, *_before_dates(m))


def _noun(m) -> tuple[int, int, str]:
    """The meeting noun nearest before the mention's dates, or the whole stretch before them."""
    a, b = _before_dates(m)
    return _named_noun(m) or (a, b, m.paragraph.text[a:b])


# The word just before a meeting noun: its number ("twenty-sixth session", "vingt-cinquième
# session", "25th meeting").
_BEFORE_NOUN = re.compile(r"([^\W_][\w\-]*)\s+$")


def _numbered(m) -> tuple[int, int]:
    """The meeting's number and noun as written ("twenty-sixth session"); its dates where its
    sentence names it by no noun."""
    noun = _named_noun(m)
    if noun is None:
        return m.start, m.end
    a, b, _word = noun
    found = _BEFORE_NOUN.search(m.paragraph.text, max(m.sentence[0], a - 40), a)
    return (found.start(1), b) if found else (a, b)


def _same_case(written: str, word: str) -> str:
    return word[:1].upper() + word[1:] if written[:1].isupper() else word


RULES = [MeetingNameConflict]
