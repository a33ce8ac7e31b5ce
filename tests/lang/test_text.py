"""lowered(): a lower-case search of the lowercased text finds what re.IGNORECASE finds."""

from __future__ import annotations

import re

import pytest

from tmcheck.lang.text import lowered

_PATTERN = r"premi[eè]re?s?\b|\b(?:first|second|ninth)\b|(?:four|six)th\b|programs?\b"


@pytest.mark.parametrize("text", [
    "La PREMIÈRE session", "the Ninth Meeting", "SIXTH", "a Programme", "PROGRAMS", "rien ici",
    "the ſecond", "FİRST", "fırst",  # letters re.IGNORECASE reads otherwise than str.lower()
])
def test_lowered_search_finds_what_an_ignore_case_search_finds(text):
    low = lowered(text)
    expected = re.search(_PATTERN, text, re.I) is not None
    if low is None:
        assert any(c in text for c in "İıſ")
    else:
        assert (re.search(_PATTERN, low) is not None) == expected


@pytest.mark.parametrize("official, written, want", [
    ("The United Nations Office on Drugs and Crime", "the United Nations Office for Drugs and Crime",
     "the United Nations Office on Drugs and Crime"),
    ("La Conférence des Parties", "la Conference des Parties", "la Conférence des Parties"),
    ("La Conférence des Parties", "La Conference des Parties", "La Conférence des Parties"),
    ("Office des Nations Unies contre la drogue et le crime", "office des Nations Unies contre la drogue et les crimes",
     "Office des Nations Unies contre la drogue et le crime"),  # no article: the capital stays
])
def test_suggestion_keeps_the_drafts_lower_case_article(official, written, want):
    from tmcheck.lang.text import as_written

    assert as_written(official, written) == want


def test_fold_text_folds_every_character_as_its_table_says():
    """fold_text lists Latin characters it leaves unchanged in its table (faster): the folding is
    still exactly FOLD's, character by character, and folded_words reads its words."""
    from tmcheck.documents.folding import FOLD
    from tmcheck.lang.text import COMPARABLE_WORD, fold_text, folded_words

    every = "".join(chr(c) for c in range(0x3100) if not 0xD800 <= c < 0xE000) + "\U0001d400 \U0001f600"
    for text in (every, "L’Élaboration d'ÉTATS-UNIS — «Œuvre» № 5 ‘Cour’ lʼOffice", "ONUDC", ""):
        assert fold_text(text) == text.translate(FOLD)
        folded, words = folded_words(text)
        assert folded == text.translate(FOLD) and words == tuple(COMPARABLE_WORD.findall(folded))
    assert folded_words("L’Élaboration")[0] == "l'elaboration"


def test_folded_words_reads_latin_text_as_fold_text_and_the_pattern_do():
    """folded_words folds and splits Latin-1 text a byte for a byte: the same folded text and words
    as fold_text and COMPARABLE_WORD, over every string of up to five characters of each kind (a
    letter, an accented capital, a digit, superscript two (a letter to the pattern), the straight
    and typographic apostrophes, the underscore, a separator, a letter past Latin-1), and random
    strings of every Latin-1 character and a few wider ones."""
    import itertools
    import random

    from tmcheck.documents.folding import FOLD
    from tmcheck.lang.text import COMPARABLE_WORD, fold_text, folded_words

    assert all(len(FOLD[c]) == 1 and ord(FOLD[c]) < 256 for c in FOLD if c < 256)  # one byte for one

    def expected(text):
        folded = fold_text(text)
        return folded, tuple(COMPARABLE_WORD.findall(folded))

    kinds = "a1'É’²_-œ "
    for n in range(6):
        for chars in itertools.product(kinds, repeat=n):
            text = "".join(chars)
            assert folded_words(text) == expected(text), text
    alphabet = [chr(c) for c in range(256)] + list("’‘ʼœŒ–“…") + list("ae  '09")
    rnd = random.Random(12)
    for _ in range(20_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert folded_words(text) == expected(text), text
    text = "Le 2e Groupe de travail (crime1) d’Amérique l'ONUDC' 12'a ÉTATS-UNIS _x_ «Œuvre»"
    assert folded_words(text) == expected(text)


def test_folded_words_reads_text_past_latin_as_fold_text_and_the_pattern_do():
    """Text with characters past Latin-1 once folded (letters as "œ" or "č", a combining accent,
    a minus sign, a digit of another script, a letter past the Basic Multilingual Plane) is
    folded and read a byte for a byte, control characters standing for those characters: the same
    folded text and words as fold_text and COMPARABLE_WORD, also with capitals, digits,
    apostrophes and control characters beside them and more letters past Latin-1 than there are
    stand-ins."""
    import random

    from tmcheck.lang.text import COMPARABLE_WORD, fold_text, folded_words

    def expected(text):
        folded = fold_text(text)
        return folded, tuple(COMPARABLE_WORD.findall(folded))

    wide = "œŒćčšŞ\u0301−○٣\U0001d400İſ’‘ʼ–"
    alphabet = [chr(c) for c in range(256)] + list(wide) * 8 + list("aZ  '09")
    rnd = random.Random(7)
    for _ in range(20_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert folded_words(text) == expected(text), text
    many = " ".join(chr(c) for c in range(0x100, 0x180))  # 128 letters, most folded into Latin-1
    greek = "".join(chr(c) for c in range(0x391, 0x3ca))  # more letters that stay past it than stand-ins
    controls = "".join(chr(c) for c in range(32))  # what stands for them in the bytes, in the text
    for text in ("Manœuvre d’Œuvre − Čačak 2e", "x\u0301y ٣a 5œ' 'œ", many, many[:60] + " ABC'", "œ", "−",
                 greek, greek[:20] + " Œ'1 ", controls + "œ−○ć", controls[:20] + "a\u0301bœ"):
        assert folded_words(text) == expected(text), text


def test_lowered_words_are_those_of_the_pattern_in_the_lowered_text():
    """lowered_words reads Latin-1 text (once its typographic punctuation is spaces) a byte for a
    byte: the words of \\w+ in text.lower(), over every string of up to five characters of each
    kind and random strings of every Latin-1 character and some wider ones."""
    import itertools
    import random

    from tmcheck.lang.text import _TYPOGRAPHIC, lowered_words

    word = re.compile(r"\w+")
    assert not any(word.match(c) for c in _TYPOGRAPHIC)  # spaces for them leave the words as they are
    for n in range(6):
        for chars in itertools.product("aÉ1_'’œ ß", repeat=n):
            text = "".join(chars)
            assert lowered_words(text) == word.findall(text.lower()), text
    alphabet = [chr(c) for c in range(256)] + list("’‘“”–—…œŒΣİK")
    rnd = random.Random(7)
    for _ in range(20_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert lowered_words(text) == word.findall(text.lower()), text


def test_one_edit_is_an_optimal_string_alignment_distance_of_one():
    """one_edit says what rapidfuzz's OSA distance says (one letter dropped, added or replaced, or
    two neighbours swapped), over every pair of short words of a small alphabet, and over the real
    misspellings of names the harness makes (bench/slips.py, body-title-typo)."""
    import itertools

    from rapidfuzz.distance import OSA

    from tmcheck.lang.text import one_edit

    words = ["".join(p) for n in range(5) for p in itertools.product("abc", repeat=n)]
    for a in words:
        for b in words:
            assert one_edit(a, b) == (OSA.distance(a, b) == 1), (a, b)
    for wrong, right in [("commision", "commission"), ("audtors", "auditors"), ("uint", "unit"),
                         ("stupefinats", "stupefiants"), ("ttatelolco", "tlatelolco"), ("genera", "general"),
                         ("crimme", "crime")]:
        assert one_edit(wrong, right) and one_edit(right, wrong)
    assert not one_edit("unies", "unies") and not one_edit("union", "unite") and not one_edit("conseil", "counsel")
