"""TM303 where a repetition gives, word for word, the title of another item of the agenda: the
headings or programme rows of two items swapped, or one numbered as its neighbour. The finding says
so and points at both items of the agenda, in place of a list of every word that differs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import lint_text

GOLDEN = Path(__file__).parent / "golden"


def _swap_lines(text: str, a: str, b: str) -> str:
    """The numbers of two lines that start with ``a`` and ``b`` exchanged."""
    lines = text.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith(a))
    j = next(k for k, line in enumerate(lines) if line.startswith(b))
    na, nb = re.match(r"\D*(\d+)", lines[i]).group(1), re.match(r"\D*(\d+)", lines[j]).group(1)
    lines[i] = lines[i].replace(na, nb, 1)
    lines[j] = lines[j].replace(nb, na, 1)
    return "\n".join(lines)


@pytest.mark.parametrize("lang, first, second", [
    ("fr", "### 4. Lutte contre", "### 5. Rôle de"),
    ("en", "### 4. ", "### 5. "),
])
def test_two_annotation_headings_swapped(lang, first, second):
    text = (GOLDEN / f"wg-tip-2016.{lang}.md").read_text(encoding="utf-8")
    assert lint_text(text, lang, ["TM303"], fmt="md") == []  # the clean agenda
    found = lint_text(_swap_lines(text, first, second), lang, ["TM303"], fmt="md")
    assert len(found) == 2
    messages = sorted(f.message for f in found)
    assert "item 4" in messages[0] and "has the title of item 5" in messages[0]
    assert "item 5" in messages[1] and "has the title of item 4" in messages[1]
    for f in found:
        assert len(f.related) == 2  # its own item in the agenda, and the item whose title it gives


def test_a_programme_row_numbered_as_the_next_item():
    text = (GOLDEN / "wg-tip-2016.en.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    row = next(k for k, line in enumerate(lines) if "\t3\t" in line)  # the programme's row of item 3
    lines[row] = lines[row].replace("\t3\t", "\t4\t")
    found = lint_text("\n".join(lines), "en", ["TM303"], fmt="md")
    assert [f.message for f in found] == [
        "item 4 in the organization of work has the title of item 3 of the agenda: its number or its title is wrong"]


def test_a_title_changed_by_a_word_still_lists_the_words():
    text = (GOLDEN / "wg-tip-2016.fr.md").read_text(encoding="utf-8")
    text = text.replace("### 4. Lutte contre la traite", "### 4. Lutte contre le trafic", 1)
    found = lint_text(text, "fr", ["TM303"], fmt="md")
    assert len(found) == 1 and "differs from the agenda" in found[0].message and len(found[0].related) == 1
