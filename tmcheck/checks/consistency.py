"""TM501, TM502: one source translated two ways, one translation given to two sources."""

from __future__ import annotations

import re

from ..facts.analysis import PairAnalysis
from ..i18n import _
from .base import PairRule


def _words(text: str) -> list[str]:
    return text.replace("\u2019", "'").split()


def _key(text: str) -> str:
    """The text with its apostrophes straight and its spaces normalised."""
    return " ".join(_words(text))


_PARAGRAPH_NUMBER = re.compile(r"^\(?\d{1,3}[.)]\s+")


def _same(a: str, b: str) -> bool:
    """Two translations that differ only in case, spacing, closing punctuation or a paragraph number
    (which the English version keeps and the French often drops) are one."""
    def norm(s: str) -> str:
        return _PARAGRAPH_NUMBER.sub("", _key(s)).rstrip(" .;:*").casefold()
    return norm(a) == norm(b)


# Headings and labels ("Recommandations", "Vice-Présidents :") are translated by context; a
# sentence of five words or more is not.
_MIN_WORDS = 5


class InconsistentTranslation(PairRule):
    """The same source segment translated differently in two places of one document.

    Why:
        A memory, a PO file or a document repeats standard sentences (agenda items, the
        documentation lines); two renderings of one source make the reader wonder whether they
        mean two things, and one of them is usually an older, unrevised version.

    Fix:
        Use one translation for both (the suggestion is the earlier one).

    Bad (fr):
        La Conférence sera saisie de l'ordre du jour provisoire annoté.

        La Conférence sera saisie de l'ordre du jour provisoire annoté.
        ->
        The Conference will have before it the annotated provisional agenda.

        The Conference will have before it the provisional agenda and annotations.

    Good (fr):
        La Conférence sera saisie de l'ordre du jour provisoire annoté.

        La Conférence sera saisie de l'ordre du jour provisoire annoté.
        ->
        The Conference will have before it the annotated provisional agenda.

        The Conference will have before it the annotated provisional agenda.

    Bad (en):
        The Working Group will consider other matters.

        The Working Group will consider other matters.
        ->
        Le Groupe de travail examinera les autres questions.

        Le Groupe de travail examinera les questions diverses.

    Good (en):
        The Working Group will consider other matters.

        The Working Group will consider other matters.
        ->
        Le Groupe de travail examinera les autres questions.

        Le Groupe de travail examinera les autres questions.
    """

    code = "TM501"
    name = "inconsistent-translation"
    severity = "warning"

    def check(self, pa: PairAnalysis):
        for earlier, pair in _repeats(pa, "source_text", "target_text"):
            piece, before = pair.target[0], earlier.target[0]
            yield self.finding(
                pa.target, piece.paragraph, piece.start, piece.end,
                _("this source is translated differently elsewhere ({segment}): '{written}'").format(
                    segment=earlier.id, written=_key(earlier.target_text)[:120]),
                earlier.target_text,
                related=[self.related(pa.target, before.paragraph, before.start, before.end,
                                      _("{segment}: the earlier translation").format(segment=earlier.id))])


class SharedTranslation(PairRule):
    """One translation given to two different source segments in one file.

    Why:
        Two different sources with one translation are often a copy-paste left unedited: one of the
        two targets says what the other source says. It can be right (two wordings of one thing),
        so it is information, not an error.

    Fix:
        Check that each source's translation says what that source says.

    Bad (fr):
        La Conférence examinera l'ouverture de la session.

        Le Groupe de travail examinera l'ouverture de la réunion.
        ->
        The Conference will consider the opening of the session.

        The Conference will consider the opening of the session.

    Good (fr):
        La Conférence examinera l'ouverture de la session.

        Le Groupe de travail examinera l'ouverture de la réunion.
        ->
        The Conference will consider the opening of the session.

        The Working Group will consider the opening of the meeting.

    Bad (en):
        The Conference will consider the opening of the session.

        The Working Group will consider the opening of the meeting.
        ->
        La Conférence examinera l'ouverture de la session.

        La Conférence examinera l'ouverture de la session.

    Good (en):
        The Conference will consider the opening of the session.

        The Working Group will consider the opening of the meeting.
        ->
        La Conférence examinera l'ouverture de la session.

        Le Groupe de travail examinera l'ouverture de la réunion.
    """

    code = "TM502"
    name = "shared-translation"
    severity = "info"

    def check(self, pa: PairAnalysis):
        for earlier, pair in _repeats(pa, "target_text", "source_text"):
            piece, before = pair.target[0], earlier.target[0]
            yield self.finding(
                pa.target, piece.paragraph, piece.start, piece.end,
                _("the same translation is given to another source ({segment}): '{written}'").format(
                    segment=earlier.id, written=_key(earlier.source_text)[:120]),
                related=[self.related(pa.target, before.paragraph, before.start, before.end,
                                      _("{segment}: the same translation").format(segment=earlier.id))])



def _repeats(pa: PairAnalysis, same: str, other: str):
    """(earlier pair, pair) where the pairs' `same` side is one text and their `other` side is not,
    within one document (a corpus of many, such as a TSV with a doc_id column, holds each one's
    own wording, as a translator's memory does)."""
    first: dict[tuple[str, str], object] = {}
    for pair in pa.pairs:
        words = _words(getattr(pair, same))
        if len(words) < _MIN_WORDS:
            continue
        key = " ".join(words)
        earlier = first.setdefault((pair.group, key), pair)
        if earlier is not pair and not _same(getattr(earlier, other), getattr(pair, other)):
            yield earlier, pair


RULES = [InconsistentTranslation, SharedTranslation]
