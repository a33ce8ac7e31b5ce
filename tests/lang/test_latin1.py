"""What the Latin-1 shortcuts rely on: a text of Latin-1 characters (most French and English drafts)
is lowered a byte for a byte (lang.latin1), and its digits are searched for as 0 to 9 rather than as
a Unicode category (TM601's digit runs, the dates' day numbers)."""

from __future__ import annotations

import re

from tmcheck.checks.pair_numbers import _DIGIT_RUN, _LATIN1_DIGIT_RUN
from tmcheck.lang.date_patterns import DAY_START
from tmcheck.lang.dates import _LATIN1_DAY_START
from tmcheck.lang.latin1 import WORD_LOWER, is_latin1, latin1_lower
from tmcheck.lang.text import lowered


def test_a_latin1_character_lowers_to_one_latin1_character():
    for c in map(chr, range(256)):
        assert len(c.lower()) == 1 and ord(c.lower()) < 256, repr(c)


def test_latin1_lower_is_lower_and_lowered():
    every = "".join(map(chr, range(256)))
    for text in ["", "Session", "SIXIÈME SESSION ÀÉÎÕÜ ÿ µ ß", every, every[::-1] * 3]:
        assert latin1_lower(text) == text.lower() == lowered(text)
    assert latin1_lower("l’Office") is None and latin1_lower("İstanbul") is None


def test_word_lower_lowers_what_the_word_pattern_reads_and_spaces_the_rest():
    word = re.compile(r"\w")
    for c in map(chr, range(256)):
        assert chr(WORD_LOWER[ord(c)]) == (c.lower() if word.match(c) else " "), repr(c)


def test_is_latin1():
    assert is_latin1("") and is_latin1("Vienne, 17 octobre") and is_latin1("".join(map(chr, range(256))))
    assert not is_latin1("l’Office") and not is_latin1("Œuvre") and not is_latin1("ÿ" + "\u0100")


def test_the_only_latin1_digits_are_0_to_9():
    assert [c for c in map(chr, range(256)) if re.match(r"\d", c)] == list("0123456789")


def test_the_latin1_patterns_find_what_the_unicode_ones_find():
    texts = ["du 17 au 21 octobre 2016, 3-4 mai, n° 12 et 1 000,5 ; 2014-2015/16", "é3 12é ½ ²3 1.000.000 7,5",
             "".join(map(chr, range(32, 256))) * 2]
    for text in texts:
        assert [m.span() for m in _LATIN1_DAY_START.finditer(text)] == [m.span() for m in DAY_START.finditer(text)]
        assert _LATIN1_DIGIT_RUN.findall(text) == _DIGIT_RUN.findall(text)
