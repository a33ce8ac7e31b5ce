"""TM503's candidates (memory/phrases.py), counted in C as lanes of bits, against the plain count they
stand for."""

from __future__ import annotations

import re

import pytest

from tmcheck.memory import phrases as phrases_module
from tmcheck.memory.phrases import BLOCK, standard_phrases
from tmcheck.resources import bundled_memories

_WORD = re.compile(r"\w+")


def _distinctive(norms: list[str]) -> list[set[str]]:
    """Each phrase's words but those in more than max(3, n/20) phrases."""
    words = [set(_WORD.findall(n.lower())) for n in norms]
    held: dict[str, int] = {}
    for ws in words:
        for w in ws:
            held[w] = held.get(w, 0) + 1
    common = {w for w, k in held.items() if k > max(3, len(norms) // 20)}
    return [ws - common for ws in words]


def _plain_candidates(phrases, distinctive: list[set[str]], text: str, min_score: int) -> list[int]:
    """The phrases of a fitting length sharing at least half their distinctive words (one at
    least) with ``text``."""
    lo, hi = phrases.within(len(text), min_score)
    mine = set(_WORD.findall(text.lower()))
    return [i for i in range(lo, hi) if len(mine & distinctive[i]) >= max(1, len(distinctive[i]) // 2)]


def _phrases(lang: str, block: int, monkeypatch):
    """The bundled phrases as built with blocks of ``block`` lanes (the bundled memories fill less
    than one block of the real size: a small one makes the counting read across blocks)."""
    monkeypatch.setattr(phrases_module, "BLOCK", block)
    return phrases_module._build(bundled_memories(), lang)


@pytest.mark.parametrize("block", [16, BLOCK])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_candidates_are_the_plain_count(lang, block, monkeypatch):
    phrases = _phrases(lang, block, monkeypatch)
    norms = phrases.norms
    distinctive = _distinctive(norms)
    texts = list(norms)
    # Reworded: every other word dropped, then the words of two phrases run together.
    texts += [" ".join(n.split()[::2]) for n in norms]
    texts += [a + " " + b for a, b in zip(norms, norms[1:])]
    texts += ["", "1.", "Ouverture", "Sans rapport avec aucune phrase des mémoires."]
    assert any(phrases.candidates(t, 80) for t in texts)
    for text in texts:
        for score in (80, 60):
            assert phrases.candidates(text, score) == _plain_candidates(phrases, distinctive, text, score), text



@pytest.mark.parametrize("lang", ["fr", "en"])
def test_lanes_are_kept_in_blocks(lang, monkeypatch):
    """What a word keeps grows with the phrases it is in, not with all the phrases: each of its
    integers spans one block of lanes, and it has one per block it is in."""
    phrases = _phrases(lang, 16, monkeypatch)
    assert len(phrases.norms) > 2 * 16
    for word, blocks in phrases.lanes.items():
        assert [b for b, _ in blocks] == sorted({b for b, _ in blocks}), word
        for _, bits in blocks:
            assert 0 < bits < 1 << phrases.width * 16, word
    assert standard_phrases(lang).lanes  # the real size builds too


# -- TM503's dates: the standard sentence of another meeting (checks/phrasing.py _dated) ----------

@pytest.mark.parametrize("lang, text, dated", [
    ("fr", " les 19 et 20 octobre 2010", True),
    ("fr", "le jeudi 3 mai 2018", True),
    ("fr", "du 18 au 20 mai 2016", True),
    ("fr", "14 avril 2016", True),
    ("en", " on Thursday, 3 May 2018", True),
    ("en", "from 20 to 24 June 2016", True),
    ("en", "6 February 2018", True),
    # a time, a number, a year alone, or words around a date: not a date and nothing else
    ("fr", "à 10 heures", False),
    ("en", "3 p.m.-6 p.m.", False),
    ("en", "sixth", False),
    ("fr", "2015", False),
    ("en", " per day", False),
    ("en", "in Vienna on 6 February 2018", False),
    ("fr", "", None),
    ("en", ", ", None),
])
def test_a_date_and_nothing_else(lang, text, dated):
    from tmcheck.checks.phrasing import _calendar_words, _dated

    assert _dated(text, lang, _calendar_words(lang)) is dated
