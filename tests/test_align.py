"""Aligning a draft with its translation: paragraphs, then sentences inside aligned paragraphs."""

from __future__ import annotations

import bisect
import csv
import random
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT, UNPC, needs
from tmcheck.documents import read_document, read_text
from tmcheck.documents.align import Alignment, Piece, align, align_paragraphs, align_sentences

GOLDEN = ROOT / "tests" / "golden"


# --- helpers -------------------------------------------------------------------------------------


def _check_cover(alignments: list[Alignment], source, target) -> None:
    """Every non-blank character of either document is in exactly one piece, in document order."""
    for side, doc in (("source", source), ("target", target)):
        pieces = [p for a in alignments for p in getattr(a, side)]
        assert pieces == sorted(pieces), f"{side} pieces out of document order"
        seen: dict[int, list[Piece]] = defaultdict(list)
        for p in pieces:
            assert 0 <= p.start < p.end <= len(doc.paragraphs[p.paragraph].text)
            seen[p.paragraph].append(p)
        assert set(seen) == set(range(len(doc.paragraphs))), f"{side}: a paragraph is in no piece"
        for index, ps in seen.items():
            text = doc.paragraphs[index].text
            covered = [False] * len(text)
            for p in ps:
                for k in range(p.start, p.end):
                    assert not covered[k], f"{side} paragraph {index}: character {k} in two pieces"
                    covered[k] = True
            missed = [k for k, c in enumerate(covered) if not c and not text[k].isspace()]
            assert not missed, f"{side} paragraph {index}: {text[missed[0]:missed[0] + 20]!r} in no piece"


def _paragraph_groups(alignments: list[Alignment]) -> dict[tuple[str, int], frozenset]:
    """For each paragraph ("s"/"t", index): the set of paragraphs it is aligned with (itself included),
    whatever the sentence-level detail."""
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in alignments:
        nodes = [("s", p.paragraph) for p in a.source] + [("t", p.paragraph) for p in a.target]
        for n in nodes:
            find(n)
        for n in nodes[1:]:
            parent[find(n)] = find(nodes[0])
    groups: dict = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return {x: frozenset(groups[find(x)]) for x in parent}


def _leftovers(alignments: list[Alignment]) -> list[tuple[str, int]]:
    """Paragraph-level leftovers: paragraphs aligned with nothing at all."""
    return sorted(x for x, g in _paragraph_groups(alignments).items() if len(g) == 1)


def _document(texts: list[str], name: str):
    """A Markdown draft of one paragraph per text, and for each paragraph the text it came from."""
    source = "\n\n".join(texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 2
    doc = read_text(name, source, "md")
    owner = [bisect.bisect_right(starts, p.offsets[0]) - 1 for p in doc.paragraphs]
    return doc, owner


def _unpc_documents() -> dict[str, list[tuple[str, str]]]:
    by_doc: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(UNPC, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            by_doc[row["doc_id"]].append((row["fr"], row["en"]))
    return by_doc


def _largest(by_doc, n=20):
    return sorted(by_doc.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]


def _recovered(rows_fr: list[set[int]], rows_en: list[set[int]], alignments, n_rows: int,
               together: dict[int, set[int]] | None = None) -> list[bool]:
    """For each row of the corpus: is its French paragraph grouped with exactly its English one?

    ``rows_fr[i]`` is the set of rows French paragraph i holds (two after a merge); ``together``
    names rows that must share a group (a merged paragraph and the two it stands for)."""
    groups = _paragraph_groups(alignments)
    holders: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for side, rows_of in (("s", rows_fr), ("t", rows_en)):
        for i, rows in enumerate(rows_of):
            for r in rows:
                holders[r].append((side, i))
    result = []
    for r in range(n_rows):
        partners = (together or {}).get(r, {r})
        want = frozenset(x for p in partners for x in holders[p])
        mine = holders[r]
        result.append(bool(mine) and all(groups.get(x) == want for x in mine))
    return result


# --- the golden pair -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def golden():
    fr = read_document(GOLDEN / "wg-tip-2016.fr.md")
    en = read_document(GOLDEN / "wg-tip-2016.en.md")
    return fr, en, align(fr, en, "fr", "en")


def _partner(fr, en, alignments, fr_text: str, nth: int = 0) -> str:
    """The English paragraph(s) aligned with the ``nth`` French paragraph whose text starts so."""
    index = [p.index for p in fr.paragraphs if p.text.startswith(fr_text)][nth]
    group = _paragraph_groups(alignments)[("s", index)]
    return " + ".join(en.paragraphs[j].text for side, j in sorted(group) if side == "t")


def test_golden_pair_aligns_paragraph_by_paragraph(golden):
    fr, en, alignments = golden
    _check_cover(alignments, fr, en)
    groups = _paragraph_groups(alignments)
    # The French version carries the line "Français" (the language of this version), which the
    # English original has no line for: that one paragraph, and only it, is left over.
    assert [fr.paragraphs[i].text for side, i in _leftovers(alignments) if side == "s"] == ["Français"]
    assert [i for side, i in _leftovers(alignments) if side == "t"] == []
    for (side, i), group in groups.items():
        if len(group) > 1:
            assert sorted(s for s, _ in group) == ["s", "t"], f"{side} paragraph {i} is not aligned 1-1"
    # In order, French paragraph k (after "Français") is English paragraph k - 1.
    pairs = sorted((i, j) for g in set(groups.values()) if len(g) == 2
                   for (_, i), (_, j) in [sorted(g)])
    assert [(i - 1 if i > 5 else i) for i, _ in pairs] == [j for _, j in pairs]
    assert len(pairs) == len(en.paragraphs) == len(fr.paragraphs) - 1


@pytest.mark.parametrize("fr_text, en_text, nth", [
    ("CTOC/COP/WG.4/2016/1", "CTOC/COP/WG.4/2016/1", 0),
    ("Original: anglais", "Original: English", 0),
    ("Vienne, 6-8 septembre 2016", "Vienna, 6-8 September 2016", 0),
    ("Ordre du jour provisoire et annotations", "Provisional agenda and annotations", 0),
    ("a) Ouverture de la réunion;", "(a) Opening of the meeting;", 0),
    ("a) Ouverture de la réunion", "(a) Opening of the meeting", 1),  # the heading under Annotations
    ("7. Questions diverses.", "7. Other matters.", 0),
    ("II. Annotations", "II. Annotations", 0),
    ("Dans sa décision 4/4", "In its decision 4/4", 0),
    ("Documentation", "Documentation", 3),
    ("Rapport sur la réunion du Groupe de travail", "Report on the meeting of the Working Group", 0),
    ("Document d'information établi par le Secrétariat sur la traite des personnes dans les flux",
     "Background paper prepared by the Secretariat on trafficking in persons in mixed migration flows "
     "(CTOC/COP/WG.4/2016/3)", 0),
    ("Note du Secrétariat sur les activités", "Note by the Secretariat on the activities", 0),
    ("Annexe", "Annex", 0),
    ("Date et heure\tPoint", "Date and time\tAgenda item", 0),
    ("Mercredi 7 septembre\t10 heures-13 heures\t4", "Wednesday, 7 September\t10 a.m.-1 p.m.\t4", 0),
    ("7\tQuestions diverses", "7\tOther matters", 0),
    ("15 heures-18 heures\t8\tAdoption du rapport", "3 p.m.-6 p.m.\t8\tAdoption of the report", 0),
])
def test_golden_pair_by_content(golden, fr_text, en_text, nth):
    fr, en, alignments = golden
    assert _partner(fr, en, alignments, fr_text, nth).startswith(en_text)


def test_golden_documentation_lines_keep_their_symbols(golden):
    fr, en, alignments = golden
    for a in alignments:
        if a.source and a.target:
            src = " ".join(fr.paragraphs[p.paragraph].text[p.start:p.end] for p in a.source)
            tgt = " ".join(en.paragraphs[p.paragraph].text[p.start:p.end] for p in a.target)
            if "(CTOC/COP/WG.4/" in src:
                assert src[src.index("(CTOC"):].split(")")[0] == tgt[tgt.index("(CTOC"):].split(")")[0]


def test_golden_pair_scores(golden):
    fr, en, alignments = golden
    paired = [a.score for a in alignments if a.source and a.target]
    assert all(0.0 <= s <= 1.0 for s in paired)
    assert sum(paired) / len(paired) > 0.85
    assert all(a.score == 0.0 for a in alignments if not (a.source and a.target))


def test_golden_pair_both_directions(golden):
    fr, en, _ = golden
    back = align(en, fr, "en", "fr")
    _check_cover(back, en, fr)
    assert [fr.paragraphs[i].text for side, i in _leftovers(back) if side == "t"] == ["Français"]
    assert not [i for side, i in _leftovers(back) if side == "s"]


# --- real pairs from the UN Parallel Corpus --------------------------------------------------------


@pytest.fixture(scope="module")
def unpc():
    return _unpc_documents()


@needs(UNPC)
def test_unpc_documents_recover_the_row_pairing(unpc):
    ok = total = 0
    for doc_id, rows in _largest(unpc):
        fr, fr_rows = _document([r[0] for r in rows], f"{doc_id}.fr.md")
        en, en_rows = _document([r[1] for r in rows], f"{doc_id}.en.md")
        alignments = align(fr, en, "fr", "en")
        _check_cover(alignments, fr, en)
        got = _recovered([{r} for r in fr_rows], [{r} for r in en_rows], alignments, len(rows))
        ok += sum(got)
        total += len(rows)
    assert total > 200
    assert ok / total >= 0.97, f"{ok}/{total} rows recovered"


def _perturbed(rows: list[tuple[str, str]], rng: random.Random, delete_french: bool):
    """Delete row k on one side, merge rows j and j+1 on the other (two separate changes)."""
    n = len(rows)
    k = rng.randrange(n)
    j = rng.choice([x for x in range(n - 1) if x not in (k - 1, k)])
    fr = [[r[0], {i}] for i, r in enumerate(rows)]
    en = [[r[1], {i}] for i, r in enumerate(rows)]
    deleted, merged = (fr, en) if delete_french else (en, fr)
    del deleted[k]
    at = next(x for x, (_, rs) in enumerate(merged) if j in rs)
    merged[at: at + 2] = [[merged[at][0] + " " + merged[at + 1][0], merged[at][1] | merged[at + 1][1]]]
    return fr, en, k, j


@needs(UNPC)
def test_unpc_documents_survive_a_deletion_and_a_merge(unpc):
    """The rest still aligns; the counterpart of the deleted paragraph, and it alone, is left over."""
    rng = random.Random(20160906)
    failures = []
    ok = total = 0
    for n, (doc_id, rows) in enumerate(_largest(unpc)):
        delete_french = n % 2 == 0
        fr_side, en_side, k, j = _perturbed(rows, rng, delete_french)
        fr, fr_owner = _document([t for t, _ in fr_side], "a.fr.md")
        en, en_owner = _document([t for t, _ in en_side], "a.en.md")
        rows_fr = [fr_side[o][1] for o in fr_owner]
        rows_en = [en_side[o][1] for o in en_owner]
        alignments = align(fr, en, "fr", "en")
        _check_cover(alignments, fr, en)
        got = _recovered(rows_fr, rows_en, alignments, len(rows), {j: {j, j + 1}, j + 1: {j, j + 1}})
        ok += sum(got)
        total += len(rows)
        orphan = ("t", en_owner.index(next(x for x, (_, rs) in enumerate(en_side) if k in rs))) if delete_french \
            else ("s", fr_owner.index(next(x for x, (_, rs) in enumerate(fr_side) if k in rs)))
        if not all(got) or _leftovers(alignments) != [orphan]:
            failures.append((doc_id, k, j, _leftovers(alignments), orphan))
    assert ok / total >= 0.97, f"{ok}/{total} rows recovered"
    # With this seed every document comes out exactly right. (Over 26 seeds, 9 of 520 perturbed
    # documents do not: a short paragraph sharing no cognate with its translation next to the
    # change, "Outreach" / "Vulgarisation et sensibilisation", which lengths alone cannot place.)
    assert not failures, failures


@needs(UNPC)
def test_unpc_stretch_of_2000_paragraphs(unpc):
    rows = [r for _, rs in sorted(unpc.items()) for r in rs][:2000]
    fr, fr_rows = _document([r[0] for r in rows], "long.fr.md")
    en, en_rows = _document([r[1] for r in rows], "long.en.md")
    alignments = align(fr, en, "fr", "en")
    _check_cover(alignments, fr, en)
    got = _recovered([{r} for r in fr_rows], [{r} for r in en_rows], alignments, len(rows))
    assert sum(got) / len(got) >= 0.99


@needs(UNPC)
def test_unpc_untranslated_stretch_is_left_over(unpc):
    """Sixty paragraphs in a row missing from the translation: the band widens around them, they
    are left over, and the rest still aligns."""
    rows = [r for _, rs in sorted(unpc.items()) for r in rs][:2000]
    kept = [r for r in range(len(rows)) if not 1000 <= r < 1060]
    fr, fr_rows = _document([r[0] for r in rows], "long.fr.md")
    en, en_rows = _document([rows[r][1] for r in kept], "long.en.md")
    alignments = align(fr, en, "fr", "en")
    _check_cover(alignments, fr, en)
    got = _recovered([{r} for r in fr_rows], [{kept[k]} for k in en_rows], alignments, len(rows))
    assert sum(got[r] for r in kept) / len(kept) >= 0.99
    left = _leftovers(alignments)
    assert all(side == "s" and 999 <= fr_rows[i] <= 1060 for side, i in left), left
    assert len(left) >= 58


# --- sentences -----------------------------------------------------------------------------------


FR_3 = ("Le Groupe de travail a adopté son ordre du jour le 6 septembre 2016. "
        "Il a élu M. Pierre Dupont (France) Président et Mme Ana Silva (Brésil) Vice-Présidente. "
        "La réunion a été close le 8 septembre 2016 à 18 heures, après l'adoption du rapport.")
EN_3 = ("The Working Group adopted its agenda on 6 September 2016. "
        "It elected Mr. Pierre Dupont (France) as Chair and Ms. Ana Silva (Brazil) as Vice-Chair. "
        "The meeting was closed at 6 p.m. on 8 September 2016, after the adoption of the report.")


def _texts(text: str, spans) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_three_sentences_align_one_to_one():
    got = align_sentences(FR_3, EN_3, "fr", "en")
    assert [(len(s), len(t)) for s, t, _ in got] == [(1, 1)] * 3
    assert [_texts(FR_3, s)[0][:12] for s, _, _ in got] == ["Le Groupe de", "Il a élu M. ", "La réunion a"]
    assert [_texts(EN_3, t)[0][:12] for _, t, _ in got] == ["The Working ", "It elected M", "The meeting "]
    assert all(c > 0.5 for _, _, c in got)


def test_sentence_translated_by_two_aligns_one_to_two():
    fr = ("Le Secrétariat a présenté le document CTOC/COP/WG.4/2016/2. "
          "Il a présenté le rapport sur les activités menées en 2015 par l'Office des Nations Unies contre "
          "la drogue et le crime, et a invité les États Membres à formuler des observations sur les "
          "priorités du programme. "
          "Le Groupe de travail a pris note du rapport.")
    en = ("The Secretariat introduced document CTOC/COP/WG.4/2016/2. "
          "It presented the report on the activities carried out in 2015 by the United Nations Office on "
          "Drugs and Crime. "
          "It invited Member States to comment on the priorities of the programme. "
          "The Working Group took note of the report.")
    got = align_sentences(fr, en, "fr", "en")
    assert [(len(s), len(t)) for s, t, _ in got] == [(1, 1), (1, 2), (1, 1)]
    _, two, _ = got[1]
    assert _texts(en, two) == ["It presented the report on the activities carried out in 2015 by the United "
                               "Nations Office on Drugs and Crime.",
                               "It invited Member States to comment on the priorities of the programme."]


def test_sentences_inside_aligned_paragraphs_of_documents():
    fr, _ = _document([FR_3, "Point 2. Questions diverses."], "a.fr.md")
    en, _ = _document([EN_3, "Item 2. Other matters."], "a.en.md")
    alignments = align(fr, en, "fr", "en")
    _check_cover(alignments, fr, en)
    assert [(tuple(p.paragraph for p in a.source), tuple(p.paragraph for p in a.target)) for a in alignments] == \
        [((0,), (0,))] * 3 + [((1,), (1,))]
    # A paragraph number stays with the sentence it numbers.
    last = alignments[-1]
    assert (last.source[0].start, last.target[0].start) == (0, 0)


def test_paragraph_merge_is_one_alignment_of_whole_paragraphs():
    fr_texts = ["1. Le Groupe de travail a examiné le point 3 de l'ordre du jour.",
                "Il a pris note des documents CTOC/COP/WG.4/2016/2 et CTOC/COP/WG.4/2016/3. "
                "Il a remercié le Secrétariat.",
                "2. La réunion a été close à 18 heures."]
    en_texts = ["1. The Working Group considered agenda item 3.",
                "It took note of documents CTOC/COP/WG.4/2016/2 and CTOC/COP/WG.4/2016/3.",
                "It thanked the Secretariat.",
                "2. The meeting was closed at 6 p.m."]
    fr, _ = _document(fr_texts, "a.fr.md")
    en, _ = _document(en_texts, "a.en.md")
    alignments = align(fr, en, "fr", "en")
    _check_cover(alignments, fr, en)
    merged = [a for a in alignments if len(a.target) == 2]
    assert len(merged) == 1
    assert merged[0].source == (Piece(1, 0, len(fr_texts[1])),)
    assert merged[0].target == (Piece(1, 0, len(en_texts[1])), Piece(2, 0, len(en_texts[2])))
    assert not _leftovers(alignments)


def test_anchors_pin_pairs_the_lengths_would_shift():
    """A missing paragraph between look-alike paragraphs: symbols and numbers say which one."""
    fr_texts = ["Note du Secrétariat (CTOC/COP/WG.4/2016/2)", "Note du Secrétariat (CTOC/COP/WG.4/2016/3)",
                "Note du Secrétariat (CTOC/COP/WG.4/2016/4)", "Note du Secrétariat (CTOC/COP/WG.4/2016/5)"]
    en_texts = ["Note by the Secretariat (CTOC/COP/WG.4/2016/2)", "Note by the Secretariat (CTOC/COP/WG.4/2016/4)",
                "Note by the Secretariat (CTOC/COP/WG.4/2016/5)"]
    fr, _ = _document(fr_texts, "a.fr.md")
    en, _ = _document(en_texts, "a.en.md")
    alignments = align_paragraphs(fr, en, "fr", "en")
    assert [(tuple(p.paragraph for p in a.source), tuple(p.paragraph for p in a.target)) for a in alignments] == \
        [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]


def test_numbers_compare_without_their_separators():
    fr, _ = _document(["Le budget s'élève à 1 000,5 millions de dollars.", "Il couvre 12 pays.",
                       "Le montant de 2 750 000 dollars a été versé."], "a.fr.md")
    en, _ = _document(["It covers 12 countries.", "The amount of 2,750,000 dollars was paid."], "a.en.md")
    alignments = align_paragraphs(fr, en, "fr", "en")
    assert [(tuple(p.paragraph for p in a.source), tuple(p.paragraph for p in a.target)) for a in alignments] == \
        [((0,), ()), ((1,), (0,)), ((2,), (1,))]
    from tmcheck.documents.align_units import cognate_table as _table, unit as _unit

    assert "N10005" in _unit("1 000,5", "text", True, _table()).anchors
    assert "N10005" in _unit("1,000.5", "text", False, _table()).anchors
    assert "SCTOC/COP/WG.4/2016/2" in _unit("(CTOC/COP/WG.4/2016/2).", "text", False, _table()).anchors
    assert "L4" in _unit("Point 4.", "text", True, _table()).anchors
    assert "L4" in _unit("Item 4.", "text", False, _table()).anchors
    assert "L4b" in _unit("4 b)\tx", "table-row", True, _table()).anchors
    assert "L4b" in _unit("4 (b)\tx", "table-row", False, _table()).anchors


def test_empty_documents():
    empty = read_text("e.md", "", "md")
    one, _ = _document(["Une phrase. Une autre."], "a.fr.md")
    assert align(empty, empty, "fr", "en") == []
    assert align(one, empty, "fr", "en") == [Alignment((Piece(0, 0, len(one.paragraphs[0].text)),), (), 0.0)]


# --- long documents --------------------------------------------------------------------------------


def test_two_thousand_paragraphs_align_copy_by_copy(golden):
    """The golden pair 28 times over (2,016 and 1,988 paragraphs): every copy aligns with its own."""
    fr1, en1, _ = golden
    copies = 28
    fr = read_text("long.fr.md", (Path(fr1.path).read_text(encoding="utf-8").rstrip("\n") + "\n\n") * copies, "md")
    en = read_text("long.en.md", (Path(en1.path).read_text(encoding="utf-8").rstrip("\n") + "\n\n") * copies, "md")
    nf, ne = len(fr1.paragraphs), len(en1.paragraphs)
    assert len(fr.paragraphs) == nf * copies >= 2000
    alignments = align(fr, en, "fr", "en")
    _check_cover(alignments, fr, en)
    groups = _paragraph_groups(alignments)
    for i in range(len(fr.paragraphs)):
        copy, k = divmod(i, nf)
        if k == 5:  # "Français"
            assert groups[("s", i)] == {("s", i)}
        else:
            assert groups[("s", i)] == {("s", i), ("t", copy * ne + (k - 1 if k > 5 else k))}
