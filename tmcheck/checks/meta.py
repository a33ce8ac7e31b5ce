"""TM001: tmcheck's own housekeeping — suppressions that suppress nothing."""

from __future__ import annotations

from .base import Rule


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


RULES = [UnusedSuppression]
