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
