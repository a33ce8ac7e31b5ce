"""TM302's pre-test (checks/titles.py _within_reach), which spares rapidfuzz's import on a draft
with no title within reach: it must never turn away words in which _best_near_miss (rapidfuzz's
scores) finds a near miss, and turns away the official form itself."""

from __future__ import annotations

import pytest

from tmcheck.checks.titles import _best_near_miss, _by_window, _letters, _within_reach
from tmcheck.glossary import load_glossary
from tmcheck.resources import glossary_dir


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(glossary_dir())


def _variants(words: tuple[str, ...]):
    """With a word dropped, doubled, changed, or with a letter dropped, swapped or doubled."""
    for i in range(2, len(words)):
        w = words[i]
        yield words[:i] + words[i + 1:]
        yield words[:i] + (w,) + words[i:]
        yield words[:i] + ("autre",) + words[i + 1:]
        yield words[:i] + (w[1:] or "x",) + words[i + 1:]
        yield words[:i] + (w[:1] + w[2:3] + w[1:2] + w[3:],) + words[i + 1:]
        yield words[:i] + (w[:2] + w[1:],) + words[i + 1:]
    yield words + ("de", "la", "session")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_within_reach_keeps_every_near_miss(glossary, lang):
    import rapidfuzz  # noqa: F401  (loaded, _best_near_miss scores every window with it)

    checked = found = 0
    for pair in list(glossary.titles.get(lang, {}))[:25]:
        windows = _by_window(glossary, lang, pair)
        for _, _, forms, _ in windows.values():
            for _, form, _ in forms[:3]:
                for words in _variants(tuple(form.words)):
                    checked += 1
                    if _best_near_miss(words, windows) is not None:
                        found += 1
                        assert _within_reach(words, windows), " ".join(words)
    assert found > 30 and checked > found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_official_form_itself_is_out_of_reach(glossary, lang):
    pair = next(iter(glossary.titles[lang]))
    windows = _by_window(glossary, lang, pair)
    _, _, forms, _ = next(iter(windows.values()))
    words = tuple(forms[0][1].words)
    assert _best_near_miss(words, windows) is None
    assert not _within_reach(words + ("et",), windows)


def test_within_reach_turns_away_words_far_from_every_form(glossary):
    windows = _by_window(glossary, "fr", ("groupe", "de"))
    words = tuple("groupe de travail se reunira a vienne".split())
    assert _best_near_miss(words, windows) is None
    assert not _within_reach(words, windows)


def test_letters_bound_what_two_texts_share():
    """sum(min) of two _letters never falls below the letters two texts share, accents and
    digits counted together in the last place."""
    from collections import Counter

    for a, b in [("groupe de travail", "groupes de travail"), ("comite 1267", "comite 1540"),
                 ("conférence", "conference"), ("", "abc")]:
        shared = sum((Counter(a) & Counter(b)).values())
        assert sum(map(min, _letters(a), _letters(b))) >= shared
