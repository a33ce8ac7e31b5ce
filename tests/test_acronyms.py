"""Acronyms defined in a document, how close a word is to an acronym, and how TM101/TM103/TM105
weigh the evidence (the rules' fixtures hold the rest: tests/fixtures/rules/TM10x.yaml)."""

from __future__ import annotations

import re

import pytest

from conftest import lint_segments, lint_text
from tmcheck.facts.acronyms import base, definitions, fits, slip, spelt_out
from tmcheck.glossary import find_terms, load_glossary
from tmcheck.glossary.index import acronym_shorts
from tmcheck.resources import glossary_dir


@pytest.fixture(scope="module")
def g():
    return load_glossary(glossary_dir())


def _defs(g, text, lang):
    return [(d.acronym, d.title, d.how, d.official) for d in definitions(text, lang, g, find_terms(g, text, lang))]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The United Nations country team (UNCT) met.", [("UNCT", "United Nations country team", "initials", None)]),
    ("en", "UNCT (United Nations country team) members met.", [("UNCT", "United Nations country team", "initials", None)]),
    ("fr", "L'équipe de pays des Nations Unies (UNCT) s'est réunie.",
     [("UNCT", "équipe de pays des Nations Unies", "loose", None)]),
    ("fr", "La Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali (MINUSMA) a été créée.",
     [("MINUSMA", "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali", "glossary", None)]),
    ("en", "the United Nations Development Programme (UNPD)",
     [("UNPD", "United Nations Development Programme", "glossary", "UNDP")]),
    ("fr", "le Programme des Nations Unies pour le développement (PNUE)",
     [("PNUE", "Programme des Nations Unies pour le développement", "glossary", "PNUD")]),
    # the other language's acronym after a title is TM102's case, not a wrong definition
    ("fr", "l'Office des Nations Unies contre la drogue et le crime (UNODC)",
     [("UNODC", "Office des Nations Unies contre la drogue et le crime", "glossary", None)]),
    # no definition: a generic noun, a citation, an acronym in a bracket after a number
    ("en", "the Office (UNDOC) reported", []),
    ("en", "new infections (UNAIDS, 2014) rose", []),
    ("en", "in 2014 (WHO) data", []),
])
def test_definitions(g, lang, text, expected):
    got = _defs(g, text, lang)
    assert [(a, t.lstrip("Ll'"), h, o) for a, t, h, o in got] == [(a, t, h, o) for a, t, h, o in expected]


def test_fits_takes_initials_in_order():
    assert fits("UNODC", "United Nations Office on Drugs and Crime".split())
    assert not fits("UNDOC", "United Nations Office on Drugs and Crime".split())
    assert fits("MINUSMA", "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali".split())


@pytest.mark.parametrize("acronym,text,expected", [
    ("AQMI", "selon Al-Qaida au Maghreb islamique, la situation", True),  # the hyphen's halves
    ("AQSI", "Al-Qaida dans le sous-continent indien a revendiqué", True),  # a compound's half gives nothing
    ("AQSI", "Al\u2011Qaida dans le sous\u2011continent indien", True),  # Word's non-breaking hyphens
    ("DPRK", "the Democratic People\u2019s Republic of Korea", True),  # a possessive's s gives nothing
    ("PSLM", "the Sudan People's Liberation Movement", False),  # nor its letter S
    ("UNSOA", "the United Nations Support Office for AMISOM", True),
    ("UNOSA", "the United Nations Support Office for AMISOM", False),
    ("ECA", "la Commission économique pour l'Afrique", False),  # two letters of one word: no
    ("DEGE", "Women's Empowerment, Development and Gender Equality Plan", False),
    ("EDGE", "Women's Empowerment, Development and Gender Equality Plan", True),
    ("SLD", "similar to cocaine, heroin and lysergic acid diethylamide (SLD)", False),  # itself spells nothing
])
def test_spelt_out_takes_one_initial_a_word(acronym, text, expected):
    assert spelt_out(acronym, text) is expected


@pytest.mark.parametrize("word,acronym,kind,edits", [
    ("UNDOC", "UNODC", "swap", 1), ("UNODDC", "UNODC", "double", 1), ("UNOXDC", "UNODC", "insert", 1),
    ("UNOC", "UNODC", "drop", 1), ("UNOXC", "UNODC", "replace", 1), ("UNOXDYC", "UNODC", "insert2", 2),
    ("Unodc", "UNODC", "case", 0), ("WH", "WHO", "drop", 1),
])
def test_slip(word, acronym, kind, edits):
    s = slip(word, acronym)
    assert (s.kind, s.edits) == (kind, edits)


@pytest.mark.parametrize("extra", ["", " à İzmir"])  # "İ" lower-cased is two characters
def test_acronym_tokens_are_the_same_over_the_draft_and_paragraph_by_paragraph(g, extra):
    # acronym_tokens reads all the paragraphs in one pass, TM103 a source's paragraphs one at a
    # time (paragraph_tokens): the same words either way, at a paragraph's edges and in odd case.
    from tmcheck.checks.acronym_tokens import acronym_tokens, paragraph_tokens
    from tmcheck.documents import read_text
    from tmcheck.facts.analysis import Analysis

    text = "\n\n".join(["Unodc", "Le rapport de l'Unodc.", "unodc-x, -Unodc, a/Unodc et onudc2", "ONU DC",
                        "l'UNDOC et l'OnuDC" + extra, "W HO", "Le PNUD.", "UNICEF",
                        "Unicef et l'onudc, à Vienne (UNDOC)"])
    document = read_text("draft.txt", text)
    tokens = acronym_tokens(Analysis(document, "fr", g))
    assert [(t.paragraph.index, t.text, t.joined) for t in tokens] == [
        (0, "Unodc", ""), (1, "Unodc", ""), (3, "ONU DC", "ONUDC"), (3, "ONU", ""), (3, "DC", ""), (4, "UNDOC", ""),
        (4, "OnuDC", ""), (5, "W HO", "WHO"), (5, "HO", ""), (6, "PNUD", ""), (7, "UNICEF", ""),
        (8, "Unicef", ""), (8, "onudc", ""), (8, "UNDOC", "")]
    alone = Analysis(document, "fr", g)
    assert [t for p in document.paragraphs for t in paragraph_tokens(alone, p)] == tokens


def test_an_odd_case_acronym_beside_a_dotted_capital_i_is_found(g):
    # "İ" lowers to two characters; the paragraph that holds one is searched as any other.
    from tmcheck.checks.acronym_tokens import acronym_tokens
    from tmcheck.documents import read_text
    from tmcheck.facts.analysis import Analysis

    document = read_text("draft.txt", "L'Unodc a ouvert un bureau à İzmir.\n\nLe bureau de l'Unodc à İstanbul.")
    tokens = acronym_tokens(Analysis(document, "fr", g))
    assert [(t.paragraph.index, t.start, t.text) for t in tokens] == [(0, 2, "Unodc"), (1, 15, "Unodc")]


def _odd_case_by_search(text, forms):
    """The acronyms in odd case as _odd_case must find them: every place of each form in the text
    in lower case (overlaps included), kept where it stands as a word of its own."""
    low = text.replace("\u0130", "i").lower()
    out = set()
    for f in forms:
        a = low.find(f)
        while a >= 0:
            b = a + len(f)
            after = low[b:b + 2]
            if not (a and (low[a - 1].isalnum() or low[a - 1] in "_/.@-")) and not (
                    after and (after[0].isalnum() or after[0] in "_/@" or (after[0] in "-." and after[1:2].isalnum()))) \
                    and not text[a + 1:b].isupper():
                out.add((a, b))
            a = low.find(f, a + 1)
    return out


def test_acronyms_in_odd_case_are_found_as_by_a_search_of_each():
    # _odd_case reads the draft's words in bytes (characters past Latin-1 each as one of Latin-1
    # that reads the same): the same places as a search of each acronym in the lower-cased text, on
    # characters whose lower case is another ("K", the kelvin sign, is "k"; "İ" is "i"), letters past
    # Latin-1 inside and beside the acronyms, and what glues a word or leaves it alone.
    import random

    from tmcheck.checks.acronym_tokens import _as_read, _latin, _odd_case

    forms = frozenset({"unodc", "unodi", "unodk", "œodc", "ÿodc", "ßodc", "ªodc", "odcodc", "ʼnodc"})
    pieces = ["Unodc", "UNODC", "unodc", "uNODC", "UnOdc", "unodİ", "UNODİ", "unodK", "ŒODC", "Œodc", "œodc",
              "ÿodc", "ŸODC", "Ÿodc", "ßodc", "ẞodc", "ẞODC", "ªodc", "中odc", "ǅodc", "odcOdc", "ʼnodc", "ŉodc",
              " ", " ", "\n", "'", "’", "-", ".", "/", "@", "_", "1", "²", "x", "中", "?", "\u0301", "Ⅻ", "é"]
    read = _as_read(forms)
    latin = _latin()
    rnd = random.Random(7)
    cases = ["l'Unodc.", "Unodc-x, -Unodc, a/Unodc et onudc2", "l’unodc", "UNODC", "unodc-5 unodc-A unodc.x"]
    cases += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 8))) for _ in range(20000)]
    cases.append("".join(rnd.choice(pieces) for _ in range(400)))  # past Latin-1 many times: one table
    for text in cases:
        data = latin.encode(text)
        assert data == bytes(ord(c) if c < "\u0100" else latin._byte(c) for c in text)
        assert set(_odd_case(text, data, read)) == _odd_case_by_search(text, forms), text


def _words_word_by_word(text):
    """The acronym-like words as the regex of acronym_tokens must find them, told word by word in
    Python (the first way they were found): every stretch from a capital to the next, widened to
    the letters around it, kept when nothing glues it to a symbol, a number or an address."""
    out = set()
    for m in re.finditer(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*?[A-ZÀ-ÖØ-Þ]", text):
        s = m.start()
        while s > 0 and text[s - 1].isalpha():
            s -= 1
        e = re.compile(r"[^\W\d_]*").match(text, m.end()).end()
        before = text[s - 1] if s > 0 else " "
        after = text[e:e + 2] or " "
        if not (before.isalnum() or before in "_/.@-" or after[0].isalnum() or after[0] in "_/@"
                or (after[0] == "." and after[1:2].isalnum())
                or (after[0] == "-" and after[1:2].isalnum() and not after[1:2].islower())):
            out.add((s, e))
    return out


def _splits_piece_by_piece(text):
    """The split acronyms as _splits must find them, told for every run of capitals in turn."""
    out = []
    prev = None
    for m in re.finditer(r"[A-ZÀ-ÖØ-Þ]+", text):
        a, b = m.span()
        whole = (a == 0 or not (text[a - 1].isalnum() or text[a - 1] in "_/.@")) and \
                (b == len(text) or not (text[b].isalnum() or text[b] in "_/@"))
        if whole and prev is not None and a - prev[1] == 1 and text[prev[1]] in " -":
            after = text[b:b + 2]
            if not (after[:1] in "-." and after[1:2].isalnum()) and not (
                    text[prev[0] - 1:prev[0]] == "-" and prev[0] > 1 and text[prev[0] - 2].isalnum()):
                out.append((prev[0], b, text[prev[0]:prev[1]] + text[a:b]))
        prev = (a, b) if whole or (b < len(text) and text[b] == "-") else None
    return out


def test_acronym_words_and_splits_are_found_as_word_by_word():
    # acronym_tokens finds a word once (not once for each two of its capitals) and looks for split
    # acronyms only where two pieces stand one character apart: the same words as a Python step
    # per stretch and per piece, on edge cases ("²" is a word character but no letter; "UNODC-led"
    # against "UN-Habitat") and on random strings of the characters that matter.
    import random

    from tmcheck.checks.acronym_tokens import _CAPS_RUN, _PIECES_APART, _latin, _splits, capital_words

    def words(text):
        return set(capital_words(text))

    cases = ["x²AB c", "ab²cDEfGH", "UNODC-led", "ONU-Femmes", "UN-Habitat", "UNODC.org", "e.g. UNODC.", "5UNODC",
             "UNODC_x", "a/UNODC", "UNODC@x", "ÉTATS-UNIS", "UNODC-5", "UNODC-A", "-UN DP", "x-UN DP", "UN DP-x",
             "ONU DC.", "W HO", "U NDP", "UN-DP", "A B C D", "OnuDC", "l'UNDOC", "İSTANBUL ǅX", "中AB AB中"]
    rnd = random.Random(12)
    chars = list("AAUNODCÉÀÞabcde  ") + ["²", "1", "_", "/", ".", "@", "-", "\n", "'", "ß", "İ", "Ⅻ", "中", "ǅ", "×"]
    cases += ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 14))) for _ in range(20000)]
    # The runs of capitals and the pieces one space apart are looked for in the draft's bytes
    # (_Latin): the same as the patterns on the text, a typographic apostrophe included.
    latin = _latin()
    caps_run = re.compile(r"[A-ZÀ-ÖØ-Þ]{2,}(?:[ '’\-]+[A-ZÀ-ÖØ-Þ]{2,}){2,}")
    pieces_apart = re.compile(r"[A-ZÀ-ÖØ-Þ][ \-][A-ZÀ-ÖØ-Þ]")
    cases += ["UN’DP AB-CD", "L’ONU ET L’OMS", "AB’’CD EF", "AB ’ CD - EF"]
    cases += ["".join(rnd.choice(chars + ["’", "œ", "Œ"]) for _ in range(rnd.randint(1, 14))) for _ in range(5000)]
    for text in cases:
        assert words(text) == _words_word_by_word(text), text
        assert _splits(text) == _splits_piece_by_piece(text), text
        classes = latin.encode(text).translate(latin.classes)
        assert [m.span() for m in _CAPS_RUN.finditer(classes)] == [m.span() for m in caps_run.finditer(text)], text
        assert bool(_PIECES_APART.search(classes)) == bool(pieces_apart.search(text)), text


def test_an_acronym_before_its_title_is_found_as_with_a_lookbehind_first():
    # _BEFORE_BRACKET tells what stands before the acronym after its first capital (so that the
    # regex engine looks for capitals first): the same matches as the plain pattern.
    import random

    from tmcheck.facts.acronyms import _BEFORE_BRACKET

    plain = re.compile(r"(?<![\w/.@\-])([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ]{1,11})\s+\(([^()]{3,160})\)")
    rnd = random.Random(3)
    chars = list("UNDPÉabc  ()") + ["x", "1", "_", "/", ".", "@", "-", "\n", "\u00a0"]
    cases = ["UNDP (the Programme)", "xUNDP (the Programme)", "-UNDP (abc)", "UNDP  (abc) et OMS (Organisation)",
             "ABCDEFGHIJKLMN (abc)", "É(abc) ÉT (abc)", "(UNDP (abc))"]
    cases += ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 30))) for _ in range(20000)]
    for text in cases:
        assert [m.span(1) + m.span(2) for m in _BEFORE_BRACKET.finditer(text)] == \
               [m.span(1) + m.span(2) for m in plain.finditer(text)], text


def test_slip_beyond_two_edits_and_identity():
    assert slip("UNICEF", "UNODC") is None
    assert slip("UNODC", "UNODC") is None


def test_plural_acronyms_are_the_acronym():
    assert base("NGOs") == "NGO" and base("MDGs") == "MDG" and base("ONG") == "ONG" and base("Ms") == "Ms"


def _tm1(text, lang, select=("TM101", "TM104", "TM105")):
    return [(f.code, f.text, f.suggestion) for f in lint_text(text, lang, list(select))]


def test_a_defined_acronym_is_never_a_near_miss():
    text = "The United Nations country team (UNCT) met. UNCT and UNOCT then reported.\n"
    assert [f for f in _tm1(text, "en") if f[0] == "TM101"] == []


def test_recurrence_is_no_evidence_that_a_word_is_right():
    # The slip written four times, the right form once (in its definition).
    text = ("The United Nations Office on Drugs and Crime (UNODC) reported. UNDOC will brief the Group. "
            "UNDOC organized a workshop.\n\nUNDOC and UNDOC met.\n")
    found = [f for f in _tm1(text, "en") if f[0] == "TM101"]
    assert len(found) == 4 and all(s == "UNODC" for _, _, s in found)


def test_close_calls_need_evidence_in_the_document():
    # One letter replaced in a four-letter acronym: another real acronym as often as a slip.
    assert _tm1("The CIAC entered into force.\n", "fr", ["TM101"]) == []
    # A three-letter word one letter from an official acronym the document does not write.
    assert _tm1("The ISO working group met.\n", "en", ["TM101"]) == []
    # Side by side in one sentence: two bodies.
    assert _tm1("The staff of UNSOM and UNSOA were thanked. UNSOM reported.\n", "en", ["TM101"]) == []


_PROCEEDINGS = {
    "en": ["{n}. The Committee took note of the report of the Secretary-General on the proposed programme budget.",
           "{n}. Several delegations stressed the importance of predictable funding for mandated activities.",
           "{n}. The representative of the Secretariat introduced the note on the status of implementation.",
           "{n}. It was noted that the working methods of the Committee had been reviewed at its previous session."],
    "fr": ["{n}. Le Comité a pris note du rapport du Secrétaire général sur le projet de budget-programme.",
           "{n}. Plusieurs délégations ont souligné l'importance d'un financement prévisible des activités.",
           "{n}. Le représentant du Secrétariat a présenté la note sur l'état d'application des recommandations.",
           "{n}. Il a été noté que les méthodes de travail du Comité avaient été examinées à la session précédente."],
}


def _apart(lang: str, first: str, last: str, gap: int, again: bool = False) -> str:
    """A document that opens with ``first`` and ends with ``last``, ``gap`` paragraphs of
    proceedings between them (``again``: ``first`` repeated in the third paragraph before ``last``)."""
    paras = ["1. " + first]
    for i in range(gap):
        paras.append(_PROCEEDINGS[lang][i % 4].format(n=i + 2))
        if again and i == gap - 3:
            paras[-1] += " " + first
    paras.append(f"{gap + 2}. {last}")
    return "\n\n".join(paras) + "\n"


@pytest.mark.parametrize("code,lang,cited,word,written,right", [
    # TM101: a word one slip from the acronym of a body cited near it ("ANEP", a body of Uruguay).
    ("TM101", "en", "The United Nations Environment Programme (UNEP) presented its annual report.",
     "The ANEP of Uruguay described its programme of teacher training.", "ANEP", "UNEP"),
    ("TM101", "fr", "Le Programme alimentaire mondial (PAM) a présenté son rapport annuel.",
     "Le PAN de la Jordanie prévoit la formation des enseignants.", "PAN", "PAM"),
    # TM101: a word one slip from an acronym the document defines, defined or written near it.
    ("TM101", "en", "The Joint Monitoring Group (JMG) met in Juba.", "The JGM reported on the ceasefire.", "JGM", "JMG"),
    ("TM101", "fr", "Le Groupe conjoint de surveillance (GCS) s'est réuni à Djouba.",
     "Le GSC a fait rapport sur le cessez-le-feu.", "GSC", "GCS"),
    # TM102: a common noun's acronym of the other language ("NSP": new psychoactive substances in
    # French, a national strategic plan in English) where the document names the term near it.
    ("TM102", "en", "The Commission considered the spread of new psychoactive substances (NPS) in the region.",
     "Engagement by faith-based and community organizations is a critical component of the new revised NSP.",
     "NSP", "NPS"),
    ("TM102", "fr", "La Commission a examiné la diffusion des nouvelles substances psychoactives (NSP) dans la région.",
     "La participation des organisations communautaires est un élément essentiel du nouveau NPS révisé.", "NPS", "NSP"),
])
def test_the_evidence_for_an_acronym_is_the_pages_around_it(code, lang, cited, word, written, right):
    # A body or term cited ten pages away is no evidence about a word: a long report or a file of
    # many documents cites nearly every body somewhere.
    def found(gap, again=False):
        return [(t, s) for _, t, s in _tm1(_apart(lang, cited, word, gap, again), lang, [code])]

    assert found(3) == [(written, right)]
    assert found(99) == [(written, right)]  # within REACH paragraphs
    assert found(150) == []
    assert found(150, again=True) == [(written, right)]  # cited again near it


def test_a_word_for_the_body_the_source_calls_le_programme_needs_its_acronym_nearby():
    # TM103: the source has no acronym where the translation has one; the word can only stand for a
    # body named a few paragraphs before (what "le Programme" points back to).
    filler = [("Le Comité a pris note du rapport du Secrétaire général sur le projet de budget-programme.",
               "The Committee took note of the report of the Secretary-General on the proposed programme budget."),
              ("Plusieurs délégations ont souligné l'importance d'un financement prévisible.",
               "Several delegations stressed the importance of predictable funding.")]

    def pairs(gap):
        return ([("Le PAM a distribué des vivres à 1,2 million de personnes au Yémen.",
                  "WFP distributed food to 1.2 million people in Yemen.")]
                + [filler[i % 2] for i in range(gap)]
                + [("Le Programme a ensuite étendu ses opérations aux provinces du nord.",
                    "The WTP then expanded its operations to the northern provinces.")])

    def found(gap):
        return [(f.code, f.text, f.suggestion) for f in lint_segments(pairs(gap), "fr", ["TM101", "TM103"])]

    assert found(0) == found(9) == [("TM103", "WTP", "WFP")]
    assert found(10) == found(40) == []


def test_a_split_acronym_of_any_length_is_a_slip():
    found = _tm1("The W HO and the U NDP reported; UN DP too.\n", "en", ["TM101"])
    assert [(t, s) for _, t, s in found] == [("W HO", "WHO"), ("U NDP", "UNDP"), ("UN DP", "UNDP")]


def test_two_acronyms_equally_close_and_nothing_decides_say_nothing(g):
    # "UNDPE": one letter more than UNDP and one letter from UNEP+D? Find a word equally close to
    # two official acronyms of the same length and kind of slip.
    word = "UNEDP"  # UNDP with E inserted, UNEP with D inserted
    assert {slip(word, "UNDP").kind, slip(word, "UNEP").kind} == {"insert"}
    assert _tm1(f"The {word} reported.\n", "en", ["TM101"]) == []


_BESIDE_UNOPS = {
    "en": "The United Nations Office for Project Services (UNOPS) provided logistical support.\n\n"
          "{short} and UNOPS then briefed the mission on security in the region.\n",
    "fr": "Le Bureau des Nations Unies pour les services d'appui aux projets (UNOPS) a fourni un appui.\n\n"
          "{short} et l'UNOPS ont ensuite informé la mission de la situation dans la région.\n",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_short_form_the_glossary_accepts_as_an_acronym_is_never_a_slip_nor_unknown(g, lang):
    # "UNDSS" (DSS), "UNOSAT", "UN-GGIM": accepted forms, not official acronyms (so that no word is
    # said to misspell them), but real names: UNDSS is one letter from UNOPS, written beside it.
    shorts = sorted(acronym_shorts(g.entries))
    assert {"UNDSS", "UNOSAT", "UN-GGIM"} <= set(shorts)
    found = {(f.code, f.text) for s in shorts
             for f in lint_text(_BESIDE_UNOPS[lang].format(short=s), lang, ["TM101", "TM105"])}
    assert found == set()


@pytest.mark.parametrize("lang,text,expected", [
    # One letter from the official acronym the document defines, its own body named nowhere: a slip.
    ("en", "The United Nations Office on Drugs and Crime (UNODC) organized the meeting.\n\n"
           "UNDC then presented its report on the workshop.\n", [("UNDC", "UNODC")]),
    ("fr", "L'Office des Nations Unies contre la drogue et le crime (ONUDC) a organisé la réunion.\n\n"
           "L'ONUC a ensuite présenté son rapport sur l'atelier.\n", [("ONUC", "ONUDC")]),
    # Its own body named by its title: the name, even beside the acronym it is one letter from.
    ("en", "The Disarmament Commission met in New York. UNODC briefed delegations on small arms.\n\n"
           "UNDC then adopted its report by consensus.\n", []),
    ("fr", "L'ONUDC a rappelé le rôle joué par l'Opération des Nations Unies au Congo.\n\n"
           "Les archives de l'ONUC ont été versées au dossier.\n", []),
])
def test_a_slip_that_writes_an_accepted_name_needs_the_document_to_say_so(lang, text, expected):
    assert [(f.text, f.suggestion) for f in lint_text(text, lang, ["TM101"])] == expected


def test_a_short_form_the_glossary_accepts_is_no_slip_in_a_translation():
    pairs = [
        ("Le Bureau des Nations Unies pour les services d'appui aux projets (UNOPS) a fourni un appui logistique.",
         "The United Nations Office for Project Services (UNOPS) provided logistical support."),
        ("L'équipe a établi des contacts avec le Département de la sûreté et de la sécurité des Nations Unies à Damas.",
         "The team established contacts with UNDSS in Damascus."),
        ("L'UNOPS a signé l'accord avec le Gouvernement.", "UNPOS signed the agreement with the Government."),
    ]
    found = [(f.code, f.span.start.line, f.text) for f in lint_segments(pairs, "fr", ["TM101", "TM103", "TM105"])]
    assert found == [("TM103", 3, "UNPOS")]


@pytest.mark.parametrize("lang,text", [
    # A staffing table's categories beside an acronym one letter away (SFM): real acronyms.
    ("fr", "La gestion durable des forêts (SFM) figure au programme de travail.\n\n"
           "Il est proposé de transférer 193 postes (1 P-5, 2 P-4, 1 P-2, 1 SM, 15 AN et 173 GN) du Bureau "
           "de l'information à Radio Okapi.\n"),
    ("en", "In such cases the final approval is given by the USG DSS.\n\n"
           "It is proposed that 8 posts (1 P-5, 2 FS, 3 NPO and 2 NGS) be redeployed to the regional office.\n"),
    # UNCAC country reviews (UNPC 2015, CAC/COSP/IRG/I/4/1/Add.7 and I/3/1/Add.18).
    ("en", "The DPP cannot direct or control investigations by the police.\n\n"
           "The central authority can send and receive MLA requests directly to and from other central authorities.\n"),
])
def test_acronyms_of_staffing_tables_and_country_reviews_are_the_glossarys(lang, text):
    assert [(f.code, f.text) for f in lint_text(text, lang, ["TM101", "TM105"])] == []


def test_unknown_acronym_reported_once_per_document_with_its_count():
    found = [f for f in lint_text("MSCI met.\n\nMSCI and MSCI reported. IGTSS too.\n", "en", ["TM105"])]
    assert [(f.text, f.span.start.line) for f in found] == [("MSCI", 1), ("IGTSS", 3)]
    assert "3 times" in found[0].message and "once" in found[1].message


def test_source_names_the_body_short_acronyms_and_splits():
    pairs = [
        ("L'OMS et la FAO ont publié le rapport.", "The WH and F AO published the report."),
        ("L'AIEA a inspecté le site.", "The IAE inspected the site."),
        ("Le PNUD a financé le projet.", "UNPD funded the project."),
        ("Les personnes vivant avec le VIH.", "People living with VIH."),
    ]
    found = [(f.span.start.line, f.text, f.suggestion) for f in lint_segments(pairs, "fr", ["TM103"])]
    assert found == [(1, "WH", "WHO"), (1, "F AO", "FAO"), (2, "IAE", "IAEA"), (3, "UNPD", "UNDP"), (4, "VIH", "HIV")]


def test_shared_acronym_permutations_are_each_languages_order():
    # CIPD / ICPD: the same letters in the other language's order, not a slip.
    pairs = [("La Conférence (CIPD) a eu lieu.", "The Conference (ICPD) took place.")]
    assert lint_segments(pairs, "fr", ["TM103"]) == []


def test_an_acronym_another_entry_forbids_is_refused_by_lint_and_validate(tmp_path):
    from cli_helpers import run_cli

    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "bodies.yaml").write_text(
        "entries:\n"
        "  - id: office-a\n    kind: office\n    en: {term: Office A, acronym: OFAB}\n    fr: {term: Bureau A, acronym: BUAB}\n"
        "  - id: office-b\n    kind: office\n    en: {term: Office B, forbidden: [OFAB]}\n    fr: {term: Bureau B}\n",
        encoding="utf-8")
    draft = tmp_path / "draft.en.txt"
    draft.write_text("The OFAB met.\n", encoding="utf-8")
    env = {"TMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    for args in (["lint", "--glossary", str(folder), str(draft)], ["glossary", "validate", "--glossary", str(folder)]):
        r = run_cli(*args, env=env)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
    lint_error = run_cli("lint", "--glossary", str(folder), str(draft), env=env).stderr
    assert len(lint_error.strip().splitlines()) == 1 and "'OFAB' is forbidden in entry 'office-b'" in lint_error


def test_the_words_around_an_acronym_are_those_of_its_windows_filtered():
    # _context reads the last content word before the word and the first after it from the
    # windows' words (findall with bounds, lowered one by one until one is kept): the same as every
    # word of each window lowered, filtered, and the last and first kept.
    import random

    from tmcheck.checks.acronym_evidence import _SKIP_WORDS, _context

    def plain(text, start, end):
        before = [w.lower() for w in re.findall(r"[^\W\d_]+", text[max(0, start - 60):start])]
        after = [w.lower() for w in re.findall(r"[^\W\d_]+", text[end:end + 40])]
        return (tuple(w for w in before if w not in _SKIP_WORDS)[-1:],
                tuple(w for w in after if w not in _SKIP_WORDS)[:1])

    text = ("Les activités de l'ONUDC et du PNUD, à Vienne (Autriche), en 2014 ; the Office of the UNODC and "
            "the activities of WHO2 in_x the Ünïcode ÉTATS a1b ² de la le les et and of to for with on sur") * 3
    rnd = random.Random(4)
    for _ in range(5000):
        a = rnd.randrange(len(text))
        b = min(len(text), a + rnd.randrange(0, 8))
        assert _context(text, a, b) == plain(text, a, b), (a, b)


def test_the_byte_classes_are_told_as_the_patterns_tell_them():
    # _Latin's tables and the bytes of characters past Latin-1 tell capitals, letters and word
    # characters by str methods: the same as the patterns, on every character of the BMP.
    from tmcheck.checks.acronym_tokens import _capital, _letter, _word

    capital, letter, word = re.compile(r"[A-ZÀ-ÖØ-Þ]"), re.compile(r"[^\W\d_]"), re.compile(r"\w")
    for c in map(chr, range(0x10000)):
        if "\ud800" <= c <= "\udfff":
            continue
        assert _capital(c) == bool(capital.match(c)), c
        assert _letter(c) == bool(letter.match(c)), c
        assert _word(c) == bool(word.match(c)), c
