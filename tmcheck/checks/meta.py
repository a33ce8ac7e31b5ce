"""TM001: tmcheck's own housekeeping — suppressions that suppress nothing."""

from __future__ import annotations

from ..i18n import _
from .base import PairRule, Rule


class UnusedSuppression(Rule):
    """An inline ``<!-- tmcheck: ignore CODE -->`` comment that hides no finding.

    Why:
        A suppression outlives the text it was written for; left behind, it would silently hide a
        new error on that line later. Like sqlfluff and ruff, tmcheck reports the ones that no
        longer suppress anything. The engine, which applies suppressions, produces this finding.

    Fix:
        Delete the comment.

    Bad (fr):
        <!-- tmcheck: ignore TM201 -->
        La session s'ouvrira le lundi 17 octobre 2016.

    Good (fr):
        <!-- tmcheck: ignore TM201 -->
        La session s'ouvrira le mardi 17 octobre 2016.

    Bad (en):
        <!-- tmcheck: ignore TM101 -->
        The report of UNODC is before the Commission.

    Good (en):
        <!-- tmcheck: ignore TM101 -->
        The report of UNDOC is before the Commission.
    """

    code = "TM001"
    name = "unused-suppression"
    severity = "info"

    def check(self, analysis):
        return ()  # see tmcheck.engine.suppression


class UnalignedSegment(PairRule):
    """A passage of the source or of the translation that could not be paired with the other side
    when two documents are aligned (``tmcheck lint --source``).

    Why:
        What does not align is not checked against the other side; it may also be a paragraph
        left untranslated, or one added. It is reported as information.

    Fix:
        Check that the passage is translated (or that it belongs only to this version).

    Bad (fr):
        La réunion s'ouvrira le lundi 17 octobre 2016 à 10 heures (CTOC/COP/2016/1).

        Le Bureau a approuvé l'ordre du jour provisoire de la huitième session le 15 juin 2016.
        ->
        The meeting will open at 10 a.m. on Monday, 17 October 2016 (CTOC/COP/2016/1).

    Good (fr):
        La réunion s'ouvrira le lundi 17 octobre 2016 à 10 heures (CTOC/COP/2016/1).
        ->
        The meeting will open at 10 a.m. on Monday, 17 October 2016 (CTOC/COP/2016/1).

    Bad (en):
        The meeting will open at 10 a.m. on Monday, 17 October 2016 (CTOC/COP/2016/1).
        ->
        La réunion s'ouvrira le lundi 17 octobre 2016 à 10 heures (CTOC/COP/2016/1).

        Le Bureau a approuvé l'ordre du jour provisoire de la huitième session le 15 juin 2016.

    Good (en):
        The meeting will open at 10 a.m. on Monday, 17 October 2016 (CTOC/COP/2016/1).
        ->
        La réunion s'ouvrira le lundi 17 octobre 2016 à 10 heures (CTOC/COP/2016/1).
    """

    code = "TM002"
    name = "unaligned-segment"
    severity = "info"

    def check(self, pa):
        for side, piece in pa.bitext.leftovers:
            analysis = pa.target if side == "target" else pa.source
            text = piece.text
            if text.strip().lower() in _LANGUAGE_LINES:
                continue  # the header of a translation names its language; the original's does not
            message = (_("this passage of the translation has no counterpart in the source: '{written}'")
                       if side == "target" else
                       _("this passage of the source has no counterpart in the translation: '{written}'"))
            yield self.finding(analysis, piece.paragraph, piece.start, piece.end,
                               message.format(written=text[:80] + ("…" if len(text) > 80 else "")))



# The language line of a UN document's header ("Français", above "Original : anglais").
_LANGUAGE_LINES = frozenset({"français", "anglais", "espagnol", "arabe", "chinois", "russe",
                             "english", "french", "spanish", "arabic", "chinese", "russian"})


RULES = [UnusedSuppression, UnalignedSegment]
