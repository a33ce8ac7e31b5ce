"""Shared helpers: lint a text in memory, and where the real UN data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "ctoc-cop-wg2-2012-1.fr.txt"
UNPC = SHARED / "data" / "unpc" / "unpc-dev.fr-en.tsv"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    # Tests never read or write the user's cache.
    os.environ["TMCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield


def lint_text(text: str, lang: str, select: list[str] | None = None, fmt: str = "txt", path: str = "draft.txt"):
    from tmcheck.documents import read_text
    from tmcheck.engine import Linter, Options

    document = read_text(path, text, fmt)
    return Linter(Options(lang=lang, select=select)).lint_document(document)


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not present (../shared is not beside the checkout)")


def lint_pair(source: str, target: str, source_lang: str, select: list[str] | None = None):
    """Lint a source document and its translation, aligned as ``tmcheck lint --source`` aligns them."""
    from tmcheck.documents import read_text
    from tmcheck.documents.align import align
    from tmcheck.documents.pairs import from_alignment
    from tmcheck.engine import Linter, Options

    target_lang = "en" if source_lang == "fr" else "fr"
    s, t = read_text("source.md", source, "md"), read_text("target.md", target, "md")
    s.lang, t.lang = source_lang, target_lang
    bitext = from_alignment(s, t, align(s, t, source_lang, target_lang), source_lang, target_lang)
    return Linter(Options(select=select)).lint_bitext(bitext)


def lint_segments(pairs: list[tuple[str, str]], source_lang: str, select: list[str] | None = None):
    """Lint (source, target) segment pairs as the rows of a TSV file (row n is line n)."""
    from tmcheck.documents.pairs import from_segments
    from tmcheck.engine import Linter, Options

    target_lang = "en" if source_lang == "fr" else "fr"
    return Linter(Options(select=select)).lint_bitext(from_segments("pairs.tsv", pairs, source_lang, target_lang))
