"""No step is quadratic in the length of a line, a sentence, a paragraph or a document: each
hostile input of the issue, timed at n and 4n in CPU time (see timing.py; linear gives about 4x,
quadratic 16x, the bar is 8x)."""

from __future__ import annotations

import pytest

from timing import assert_linear
from tmcheck.documents import read_text


def _read(fmt: str):
    return lambda text: read_text("draft", text, fmt)


READER_CASES = {
    # one line of unclosed comments: each "<!--" looked for its "-->" to the end of the line
    "unclosed comments": (lambda n: "Texte.\n" + "<!--" * n + "\n", "md", 1500),
    # each "[" looked for its "](" to the end of the line
    "open brackets": (lambda n: "Texte.\n" + "[" * n + "\n", "md", 2500),
    "link addresses never closed": (lambda n: "Texte.\n" + "[a](b" * n + "\n", "md", 2500),
    "unclosed tags": (lambda n: "Texte.\n" + "<b " * n + "\n", "md", 2500),
    "unclosed directives": (lambda n: "Texte.\n" + "<!-- tmcheck: ignore " * n + ">-->\n", "md", 1000),
    # a long word then " -": the hyphenated-word pattern tried from every letter of the word
    "a long word before a dash": (lambda n: "a" * n + " -\n", "md", 2500),
    # the table-rule pattern backtracking over a line of tabs
    "a line of tabs": (lambda n: "Texte.\n" + "\t" * n + "\n", "md", 2500),
    # a paragraph of many lines each ending in a hyphen: the paragraph joined again at each line
    "hyphenated line ends": (lambda n: "".join("abc-\n" for _ in range(n)) + "fin.\n", "txt", 1000),
}


@pytest.mark.parametrize("name", READER_CASES)
def test_reading_is_linear(name):
    make, fmt, n = READER_CASES[name]
    assert_linear(_read(fmt), make, n)


def test_offsets_read_like_the_list_they_replace():
    import random

    from tmcheck.documents.model import Offsets, OffsetsBuilder

    rng = random.Random(11)
    for _ in range(500):
        builder, values, x = OffsetsBuilder(), [], rng.randint(0, 5)
        for _ in range(rng.randint(0, 6)):
            n = rng.randint(0, 4)
            x += rng.randint(0, 3)
            builder.add(x, n)
            values += range(x, x + n)
            x += n
        offsets = builder.build()
        assert list(offsets) == values and len(offsets) == len(values) and offsets == values
        assert Offsets.from_list(values) == offsets
        for i in range(-len(values), len(values)):
            assert offsets[i] == values[i]
        i, j = sorted(rng.randint(-2, len(values) + 2) for _ in range(2))
        assert list(offsets[i:j]) == values[i:j]
        with pytest.raises(IndexError):
            offsets[len(values)]


def test_offsets_of_a_wrapped_paragraph_are_one_run():
    # Lines joined by a space mapped to their line break: one run, not one int per character (the
    # memory of a 20 MB draft is its text).
    text = "le comité s'est réuni\n" * 2000
    p, = read_text("draft.md", text, "md").paragraphs
    assert len(list(p.offsets.runs())) == 1
    assert p.source_range(len(p.text) - 5, len(p.text)) == (len(text) - 6, len(text) - 1)
