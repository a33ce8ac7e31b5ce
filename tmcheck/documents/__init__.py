"""Drafts as the checks see them: readers, segmentation, and positions back into the original file."""

from .model import Document, Paragraph, Position, Span, Suppression
from .readers import collect_drafts, read_document, read_text

__all__ = ["Document", "Paragraph", "Position", "Span", "Suppression", "collect_drafts", "read_document", "read_text"]
