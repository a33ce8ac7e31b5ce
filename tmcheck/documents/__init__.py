"""Drafts as the checks see them: readers, segmentation, and positions back into the original file."""

from .formats import collect_drafts, read_document, read_text
from .model import Document, Paragraph, Position, Span, Suppression

__all__ = ["Document", "Paragraph", "Position", "Span", "Suppression", "collect_drafts", "read_document", "read_text"]
