"""The shared terminology: official titles, acronyms, short forms and forbidden variants."""

from .index import find_terms
from .load import load_glossary
from .model import Entry, Glossary, TermMatch, Terms

__all__ = ["Entry", "Glossary", "TermMatch", "Terms", "find_terms", "load_glossary"]
