"""The facts of one draft, read once and shared by every rule: its dates with their roles, the
meetings it names, the documents it cites and its agenda items, each mention linked into entities,
and the conflicts between linked mentions. Built piece by piece on first use: a lint that runs no
meeting rule reads no meeting."""

from __future__ import annotations

from functools import cached_property

from .analysis import Analysis
from .dates import DateFact, read_dates
from .agenda import ItemMention, read_items
from .documents import Citation, read_citations
from .citation_conflicts import CitationConflict, document_conflicts
from .entities import DocumentEntity, ItemEntity, MeetingEntity, link_documents, link_items, link_meetings
from .item_conflicts import TitleConflict, item_conflicts
from .meeting_conflicts import (DateConflict, MentionConflict, kind_conflicts, meeting_conflicts, number_conflicts,
                                report_conflicts)
from .meetings import MeetingMention, read_meetings
from .wording import comparable_pieces, keys, plain_words


class Facts:
    def __init__(self, analysis: Analysis):
        self.analysis = analysis

    @staticmethod
    def of(analysis: Analysis) -> "Facts":
        """The facts of the analysed draft, read once for every rule."""
        return analysis.memo("facts", lambda: Facts(analysis))

    # -- dates and meetings -----------------------------------------------------------------------
    @cached_property
    def dates(self) -> list[DateFact]:
        return read_dates(self.analysis)

    @cached_property
    def meeting_mentions(self) -> list[MeetingMention]:
        return read_meetings(self.analysis, self.dates)

    @cached_property
    def meetings(self) -> list[MeetingEntity]:
        return link_meetings(self.analysis, self.meeting_mentions)

    @cached_property
    def date_conflicts(self) -> list[DateConflict]:
        return meeting_conflicts(self.analysis, self.meetings)

    @cached_property
    def report_conflicts(self) -> list[MentionConflict]:
        return report_conflicts(self.meetings)

    @cached_property
    def kind_conflicts(self) -> list[MentionConflict]:
        return kind_conflicts(self.meetings)

    @cached_property
    def number_conflicts(self) -> list[MentionConflict]:
        return number_conflicts(self.meetings)

    # -- agenda items -----------------------------------------------------------------------------
    @cached_property
    def item_mentions(self) -> list[ItemMention]:
        return read_items(self.analysis.document, self.analysis.lang, self._fits_agenda_title)

    def _fits_agenda_title(self, mention: ItemMention, agenda: ItemMention) -> str:
        """Does a PDF row's title say the agenda's title ("whole"), its beginning ("prefix") or
        other words ("other")? Plain words first (most rows repeat the agenda); official titles
        and their short forms counted as one word only when the plain words differ."""
        words = plain_words(mention.title)
        title = self.analysis.memo(f"agenda-plain:{agenda.key}", lambda: plain_words(agenda.title))
        if words == title:
            return "whole"
        if words == title[:len(words)]:
            return "prefix"
        named = keys(comparable_pieces(self.analysis, mention.title))
        return "whole" if named == self._agenda_words(agenda) else "other"

    def _agenda_words(self, agenda: ItemMention) -> list[str]:
        return self.analysis.memo(f"agenda-words:{agenda.key}", lambda: keys(comparable_pieces(self.analysis, agenda.title)))

    @cached_property
    def items(self) -> list[ItemEntity]:
        return link_items(self.item_mentions)

    @cached_property
    def item_conflicts(self) -> list[TitleConflict]:
        return item_conflicts(self.analysis, self.items)

    # -- documents --------------------------------------------------------------------------------
    @cached_property
    def citations(self) -> list[Citation]:
        return read_citations(self.analysis)

    @cached_property
    def documents(self) -> list[DocumentEntity]:
        return link_documents(self.citations)

    @cached_property
    def citation_conflicts(self) -> list[CitationConflict]:
        return document_conflicts(self.analysis, self.documents)
