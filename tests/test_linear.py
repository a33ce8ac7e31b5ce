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


SENTENCE_CASES = {
    # each full stop looked for its word from the paragraph's start
    "many sentences": (lambda n: "Il vient. " * n, 500),
    # a run of "!" tried from each of its characters
    "a run of final punctuation": (lambda n: "Il vient" + "!" * n + "x", 2000),
    "a long word before a full stop": (lambda n: "Il vient " + "a" * n + ". B", 2000),
}


@pytest.mark.parametrize("name", SENTENCE_CASES)
def test_sentence_splitting_is_linear(name):
    from tmcheck.documents.segment import sentences

    make, n = SENTENCE_CASES[name]
    assert_linear(sentences, make, n)


def _lint(select, fmt="md", lang="fr"):
    from tmcheck.engine import Linter, Options

    linter = Linter(Options(lang=lang, select=select))
    return lambda text: linter.lint_document(read_text("draft.fr.md", text, fmt))


def test_suppressions_are_linear():
    # 4,000 unused directives on one line: each TM001 finding copied and hashed the whole line.
    assert_linear(_lint(["TM001", "TM201"]), lambda n: "Le lundi 6 septembre 2016. "
                  + "<!-- tmcheck: ignore TM201 -->" * n + "\n", 300)
    # directives on many lines, findings on many lines: each finding tried every directive
    assert_linear(_lint(["TM001", "TM201"]), lambda n: "".join(
        "<!-- tmcheck: ignore TM1 -->\nLe mardi 6 septembre 2016.\n\n" for _ in range(n)), 200)


def test_an_unused_directive_names_itself_not_its_line():
    from conftest import lint_text

    line = "Le Comité se réunit. <!-- tmcheck: ignore TM201 --> Il adopte son rapport."
    f, = lint_text(line + "\n", "fr", ["TM001"], fmt="md")
    assert f.text == "<!-- tmcheck: ignore TM201 -->"
    assert len(f.context) < len(line) + 1 and "Comité" in f.context


def test_html_highlights_are_linear():
    # "UNODC " written 32,000 times on one line: every piece of the line looked at every finding.
    from tmcheck.report.html import line_html

    class Marks:
        def mark(self, fids, piece, zero_width=False):
            return f"<mark data-f='{fids}'>{piece}</mark>"

    def make(n):
        return "UNODC " * n, [(6 * k, 6 * k + 5, k) for k in range(n)]

    assert_linear(lambda args: line_html(args[0], args[1], Marks()), make, 1000)



def test_preferring_pair_findings_is_linear():
    # A TMX segment of 5,000 numbers: every finding of the translation was compared with every
    # finding of the pair (the fuzz run found 6 s of CPU for 127 kB).
    from tmcheck.documents.model import Position, Span
    from tmcheck.engine.pair_rules import prefer_pair_findings
    from tmcheck.findings import Finding

    class Rule:
        def __init__(self, code, scope):
            self.code, self.scope = code, scope

    rules = [Rule("TM601", "pair"), Rule("TM602", "draft")]

    def make(n):
        def span(k):
            return Span("pairs.tmx", Position(1, 10 * k + 1), Position(1, 10 * k + 5))

        return [Finding("TM601", "r", "error", "m", span(2 * k)) for k in range(n)] + \
               [Finding("TM602", "r", "info", "m", span(2 * k + 1)) for k in range(n)]

    assert_linear(lambda found: prefer_pair_findings(list(found), rules), make, 1000)

# -- dates of meetings and numbers beside many dates ---------------------------------------------


def test_event_dates_are_linear_in_a_sentence_of_dates():
    # "le 6 septembre 2016 " 5,000 times in one sentence took 22 s.
    assert_linear(_lint(["TM204"]), lambda n: "Ils " + "le 6 septembre 2016 " * n + ".\n", 250)


def test_numbers_beside_many_dates_are_linear():
    # 8,000 dates in one TSV target took 62 s (with TM204 above).
    from tmcheck.lang.dates import find_dates
    from tmcheck.lang.numbers import find_numbers

    def numbers(text):
        return find_numbers(text, "fr", [m.span for m in find_dates(text, "fr")])

    assert_linear(numbers, lambda n: "le 6 septembre 2016 " * n + ".", 500)


def test_meeting_words_are_linear_in_a_paragraph_of_many_sentences():
    # Each sentence's meeting words were looked for among every cue of the paragraph (sentences x
    # cues: 8,000 sentences of one paragraph took 8 s).
    from tmcheck.documents.segment import sentences
    from tmcheck.facts.meeting_nouns import MeetingWords, anchors

    def read(text):
        words = MeetingWords(text)
        return [anchors(text, a, b, words) for a, b in sentences(text) if words.within(a, b)]

    assert_linear(read, lambda n: " ".join(f"La Commission a tenu sa session le {i % 28 + 1} mai." for i in range(n)), 500)


def test_item_titles_given_to_other_items_are_linear():
    # An agenda of n items whose headings all differ from it: each conflict looked through every
    # item of the agenda for one with its title (a heading numbered as another item).
    def draft(n):
        agenda = "".join(f"{k}. Examen de la question numéro {k} relative à la coopération.\n" for k in range(1, n + 1))
        headings = "".join(f"\n### {k}. Examen de la question numéro {k} relative à l’assistance\n\nTexte.\n"
                           for k in range(1, n + 1))
        return "Ordre du jour provisoire\n\n" + agenda + "\nAnnotations\n" + headings

    assert_linear(_lint(["TM303"], fmt="md"), draft, 150)



def test_names_without_their_accents_are_linear():
    # One line naming a body again and again, written right and without its accents: each
    # occurrence counted the name through the whole line.
    assert_linear(_lint(["TM302"]), lambda n: "Le Comité des droits de l’homme et le Comite des droits de l’homme ; " * n + "\n", 300)


def test_titles_with_other_capitals_are_linear():
    # One line writing an official title with other capitals again and again: each one read the
    # whole line to tell a title-case heading.
    assert_linear(_lint(["TM302"]), lambda n: "l’Organisation mondiale de la santé et le Conseil ; " * n + "\n", 300)
