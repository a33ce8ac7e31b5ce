"""TM302's pre-test (checks/titles.py _within_reach), which spares rapidfuzz's import on a draft
with no title within reach: it must never turn away words that rapidfuzz would score 89.9 or more
against a form."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import pytest
from rapidfuzz import fuzz, process

from tmcheck.checks.titles import _by_window, _within_reach
from tmcheck.glossary import load_glossary
from tmcheck.resources import glossary_dir


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(glossary_dir())


def _scored(words, windows) -> bool:
    """Whether rapidfuzz finds any form at 89.9 or more (what _best_near_miss asks it)."""
    for length, (lengths, targets, _) in windows.items():
        if length < 3 or length > len(words):
            continue
        window = " ".join(words[:length])
        w = len(window)
        lo, hi = bisect_left(lengths, w * 90 / 110 - 1), bisect_right(lengths, w * 110 / 90 + 1)
        if process.extract(window, targets[lo:hi], scorer=fuzz.ratio, score_cutoff=89.9, limit=None):
            return True
    return False


def _variants(words: tuple[str, ...]):
    """The form itself, then with a word dropped, doubled, changed, or with a letter dropped."""
    yield words
    for i in range(2, len(words)):
        yield words[:i] + words[i + 1:]
        yield words[:i] + (words[i],) + words[i:]
        yield words[:i] + ("autre",) + words[i + 1:]
        yield words[:i] + (words[i][1:] or "x",) + words[i + 1:]
    yield words + ("de", "la", "session")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_within_reach_keeps_every_scored_window(glossary, lang):
    checked = scored = 0
    for pair in list(glossary.titles.get(lang, {}))[:20]:
        windows = _by_window(glossary, lang, pair)
        for _, _, forms in windows.values():
            for _, form, _ in forms[:3]:
                for words in _variants(tuple(form.words)):
                    checked += 1
                    if _scored(words, windows):
                        scored += 1
                        assert _within_reach(words, windows), " ".join(words)
    assert scored > 30 and checked > scored


def test_within_reach_turns_away_words_far_from_every_form(glossary):
    pair = ("groupe", "de")
    windows = _by_window(glossary, "fr", pair)
    words = tuple("groupe de travail se reunira a vienne".split())
    assert not _scored(words, windows)
    assert not _within_reach(words, windows)
