"""The facts layer: what a draft says about its meetings, documents and agenda items, read from
prose and tables alike and linked into entities; and `tmcheck facts`, which shows it."""

from __future__ import annotations

import json
import pickle
from datetime import date
from pathlib import Path

import pytest

from cli_helpers import run_cli
from conftest import SAMPLE, assert_golden, needs, stable
from tmcheck.documents import read_text
from tmcheck.facts.analysis import Analysis
from tmcheck.facts.dates import ADOPTION, DEADLINE, EVENT, LETTER, PERIOD
from tmcheck.facts.model import Facts
from tmcheck.facts.meeting_nouns import anchors
from tmcheck.facts.tables import cells, line_row, tab_rows
from tmcheck.glossary import load_glossary
from tmcheck.resources import glossary_dir

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(glossary_dir())


def facts_of(text: str, lang: str, glossary, fmt: str = "md") -> Facts:
    document = read_text(f"draft.{fmt}", text, fmt)
    return Facts.of(Analysis(document, lang, glossary))


# -- `tmcheck facts`, pinned ----------------------------------------------------------------------

@needs(SAMPLE)
def test_facts_of_the_2012_sample_are_pinned():
    r = run_cli("facts", "../shared/samples/ctoc-cop-wg2-2012-1.fr.txt", cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert_golden(GOLDEN / "facts" / "ctoc-cop-wg2-2012-1.fr.txt.facts", r.stdout)


@pytest.mark.parametrize("name", ["wg-tip-2016.en.md", "wg-tip-2016.fr.txt", "wg-tip-2016-drift.en.md"])
def test_facts_of_golden_agendas_are_pinned(name):
    r = run_cli("facts", f"tests/golden/{name}", cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert_golden(GOLDEN / "facts" / f"{name}.facts", r.stdout)


GOLDEN_AGENDAS = sorted(p.name for p in GOLDEN.glob("*.md")) + sorted(p.name for p in GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("name", GOLDEN_AGENDAS)
def test_facts_of_golden_agendas_as_json_are_pinned(name):
    """Every golden agenda's facts as `tmcheck facts --format json` gives them (tmcheck's version
    written "<version>"), so that a change in what is read from a draft shows here."""
    r = run_cli("facts", "--format", "json", f"tests/golden/{name}", cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert_golden(GOLDEN / "facts" / f"{name}.facts.json", stable(r.stdout, "json"))


@needs(SAMPLE)
def test_facts_of_the_2012_sample_as_json_are_pinned():
    r = run_cli("facts", "--format", "json", "../shared/samples/ctoc-cop-wg2-2012-1.fr.txt", cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert_golden(GOLDEN / "facts" / "ctoc-cop-wg2-2012-1.fr.txt.facts.json", stable(r.stdout, "json"))


@needs(SAMPLE)
def test_sample_facts_as_json():
    r = run_cli("facts", "--format", "json", SAMPLE, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)["documents"][0]
    # Every meeting the sample dates, with its dates.
    meetings = {(m["body_id"], tuple(m["dates"])) for m in doc["meetings"]}
    wg2 = "wg-technical-assistance"
    assert (wg2, ("2010-10-19", "2010-10-20")) in meetings
    assert any(d == ("2012-07-04",) for _, d in meetings)  # the extended Bureau
    assert any(d == ("2012-02-15",) for _, d in meetings)
    expert = [m for m in doc["meetings"] if m["reports"]]
    assert {tuple(m["reports"]) for m in expert} == {("UNODC/CCPCJ/EG.1/2009/2",), ("UNODC/CCPCJ/EG.1/2012/4",)}
    assert all(len(m["mentions"]) == 2 for m in expert)  # the annotation and the documentation list
    # The agenda's eight items, each in the agenda, its annotation heading (but 8) and the annex.
    numbered = [i for i in doc["items"] if i["letter"] is None]
    assert [i["number"] for i in numbered] == list(range(1, 9))
    for i in numbered[1:7]:
        assert [p["place"] for p in i["places"] if p["place"] != "reference"] == ["agenda", "heading", "programme"]
    assert [c["differs"] for i in doc["items"] for c in i["conflicts"]] == ["'Examen des' added"]
    # Every document with its symbols; the joint one has two.
    symbols = [d["symbols"] for d in doc["documents"]]
    assert ["CTOC/COP/WG.2/2012/3", "CTOC/COP/WG.3/2012/4"] in symbols
    assert len(symbols) == 7
    assert next(d for d in doc["documents"] if d["symbols"] == ["CTOC/COP/2012/10"])["citations"].__len__() == 3


def test_facts_of_a_missing_file_is_one_line_and_exit_2():
    r = run_cli("facts", "no-such-draft.md", cwd=ROOT)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "no such file" in r.stderr


# -- dates and their roles ------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,role", [
    ("fr", "Les demandes devront parvenir au Secrétariat au plus tard le vendredi 9 septembre 2022.", DEADLINE),
    ("fr", "Par une note verbale datée du 12 avril 2012, le Secrétariat a invité les États.", LETTER),
    ("fr", "Dans sa résolution 5/2, adoptée le 22 octobre 2010, la Conférence a décidé.", ADOPTION),
    ("fr", "Le rapport porte sur la période du 1er janvier au 31 décembre 2015.", PERIOD),
    ("fr", "À sa septième session, tenue à Vienne du 6 au 10 octobre 2014, la Conférence a adopté.", EVENT),
    ("en", "Requests should reach the secretariat no later than Friday, 9 September 2022.", DEADLINE),
    ("en", "By a note verbale dated 12 April 2012, the Secretariat invited States.", LETTER),
    ("en", "In its resolution 5/2, adopted on 22 October 2010, the Conference decided.", ADOPTION),
    ("en", "The meeting was organized by UNODC on 5 May 2016 in Vienna.", EVENT),
    ("en", "States were invited to reply by 30 June 2016.", DEADLINE),
])
def test_the_role_of_a_date(glossary, lang, text, role):
    facts = facts_of(text + "\n", lang, glossary)
    assert [d.role for d in facts.dates] == [role]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_cues_of_a_role_are_found_as_by_the_case_blind_pattern(lang):
    # role_of reads a window's cues in lower case through one pattern factored by prefixes: the
    # same cues, places and roles as the case-blind pattern of every cue, on cues in any case,
    # glued to letters, apostrophes and digits, cues that start others ("opened for signature"),
    # and the letters that IGNORECASE equates with another (İ, ı, ſ, K: the kelvin sign).
    import random

    from tmcheck.facts.dates import _CUES, _cue_pattern, _cues

    cues = [w for _, words in _CUES[lang] for w in words.split("|")]
    pieces = cues + [c.upper() for c in cues[::3]] + [c.title() for c in cues[1::3]] + [
        " ", " ", ", ", "'", "-", "x", "É", "1", "İ", "ı", "ſ", "\u212a", "é", "ß", "le", "the", "opened"]
    rnd = random.Random(11)
    windows = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 9))) for _ in range(6000)]
    windows += [" ".join(cues), "".join(cues), "OPENED FOR SIGNATURE", "opened for signatures"]
    for window in windows:
        expected = [(m.lastgroup, m.start(), m.end()) for m in _cue_pattern(lang).finditer(window)]
        assert _cues(window, lang) == expected, window


def test_a_day_without_a_year_anywhere_is_skipped(glossary):
    facts = facts_of("La réunion se tiendra le mardi 18 octobre.\n\nLa réunion se tiendra le 19 octobre.\n", "fr", glossary)
    assert facts.dates == [] and facts.date_conflicts == []


# -- meetings -------------------------------------------------------------------------------------

def test_the_words_before_a_meeting_noun_are_those_of_the_text_before_it():
    # _words_before searches the text within bounds rather than a slice of it: the same words, at
    # the same places, nearest first, at most eight, for every end and floor.
    from tmcheck.facts.meeting_nouns import _WORD_BEFORE, _words_before

    text = "sa 12e et 13ème session, ses vingt-et-unième, 3rd,x 4th l'Unodc " * 3
    for end in range(len(text) + 1):
        for floor in range(0, end + 1, 7):
            base = max(floor, end - 120)
            words = [(base + m.start(), base + m.end(), m.group(0)) for m in _WORD_BEFORE.finditer(text[base:end])]
            assert _words_before(text, end, floor) == words[::-1][:8], (end, floor)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_possessive_before_a_meeting_is_found_as_by_a_search_of_the_whole(lang):
    # _body_of asks whether the sentence before a meeting noun ends with "sa"/"its" by a search
    # from the last word only: the same answer as the pattern searched over all the text before.
    import random

    from tmcheck.facts.meetings import _POSSESSIVE, _after_possessive

    pieces = ["sa", "SA", "son", "Ses", "leur", "leurs", "its", "ITS", "their", "ſes", "İts", "x", "é", "-", "'",
              " ", " ", "\n", "\t", "\u00a0", "\u2028", "\x1c", "\x85", "\u3000", "1"]
    rnd = random.Random(3)
    for _ in range(20000):
        before = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 7)))
        assert _after_possessive(lang, before) == bool(_POSSESSIVE[lang].search(before)), repr(before)


@pytest.mark.parametrize("text,ordinals,kind", [
    ("ses cinquante-huitième et cinquante-neuvième sessions", (58, 59), "session"),
    ("its fifty-eighth and fifty-ninth sessions", (58, 59), "session"),
    ("at its 15th, 26th and resumed 27th meetings", (15, 26, 27), "meeting"),
    ("sa vingt et unième session", (21,), "session"),
    ("the twenty-ninth special session", (29,), "special session"),
    ("sa vingt-neuvième session extraordinaire", (29,), "special session"),
    ("la réunion du Groupe de travail", (), "meeting"),
])
def test_meeting_anchors(text, ordinals, kind):
    found = anchors(text, 0, len(text))
    assert len(found) == 1
    assert found[0].ordinals == ordinals and found[0].kind == kind


def test_respectively_pairs_ordinals_with_dates_in_order(glossary):
    text = ("La Commission a tenu ses cinquante-huitième et cinquante-neuvième sessions du 9 au 17 mars 2015 et "
            "du 14 au 22 mars 2016, respectivement.\n")
    facts = facts_of(text, "fr", glossary)
    by_ordinal = {m.ordinal: m.dates.days for m in facts.meeting_mentions}
    assert by_ordinal == {58: (date(2015, 3, 9), date(2015, 3, 17)), 59: (date(2016, 3, 14), date(2016, 3, 22))}


def test_mentions_named_three_ways_are_one_meeting(glossary):
    text = (
        "2. Follow-up to the recommendations adopted by the Working Group on Firearms at its meeting held on 18 and 19 May 2016\n\n"
        "The Working Group on Firearms held its fourth meeting on 18 and 19 May 2016 (CTOC/COP/WG.6/2016/4).\n\n"
        "Report on the meeting of the Working Group on Firearms held in Vienna on 18 and 19 May 2016 (CTOC/COP/WG.6/2016/4)\n"
    )
    facts = facts_of(text, "en", glossary)
    assert len(facts.meetings) == 1
    meeting = facts.meetings[0]
    assert len(meeting.mentions) == 3
    assert meeting.ordinals == {(4, "meeting")} and meeting.reports == {"CTOC/COP/WG.6/2016/4"}
    assert facts.date_conflicts == []


def test_a_slip_that_breaks_the_link_is_still_a_conflict(glossary):
    # Linked only by "same body, same dates", which the slip breaks: near-identical datings of one body.
    text = ("2. Suite donnée aux recommandations adoptées par le Groupe de travail sur les armes à feu à sa réunion "
            "tenue les 18 et 19 mai 2016\n\n"
            "Rapport sur la réunion du Groupe de travail sur les armes à feu tenue à Vienne les 18 et 19 juin 2016 "
            "(CTOC/COP/WG.6/2016/4)\n")
    facts = facts_of(text, "fr", glossary)
    assert len(facts.date_conflicts) == 1
    c = facts.date_conflicts[0]
    assert not c.linked and c.at.dates.days[0].month == 6


def test_two_meetings_of_one_body_are_not_a_conflict(glossary):
    text = ("Les réunions du groupe d'experts sur la protection contre le trafic de biens culturels ont été tenues "
            "du 24 au 26 novembre 2009 et du 27 au 29 juin 2012.\n\n"
            "Rapport de la réunion du groupe d'experts, tenue à Vienne du 27 au 29 juin 2012 (UNODC/CCPCJ/EG.1/2012/4)\n")
    facts = facts_of(text, "fr", glossary)
    assert facts.date_conflicts == []
    assert len([e for e in facts.meetings if e.dated]) == 2


@pytest.mark.parametrize("lang,sentence,ordinals,body", [
    ("en", "{n}. The Special Committee considered the item entitled \"{item}\" during the general exchange of views "
           "held at its 276th and 277th meetings, on 17 and {day} February 2015, and at the {other} of the Working "
           "Group of the Whole.", (276, 277), "generic:Committee"),
    ("fr", "{n}. Le Groupe de travail a examiné la question intitulée « {item} » lors de l'échange de vues général qui "
           "a eu lieu à ses cinquième et sixième réunions, les 17 et {day} février 2015, ainsi qu'à la {other} du "
           "Comité plénier.", (5, 6), "generic:Groupe de travail"),
])
def test_a_list_of_meetings_and_days_repeated_is_no_conflict_and_its_slip_is(glossary, lang, sentence, ordinals, body):
    # Reports repeat the same list sentence under each item; the days of the list are split among
    # its meetings, and read together they agree. A day changed in one of them is a conflict.
    items = {"en": ["Peaceful settlement of disputes", "Working methods", "Assistance to third States"],
             "fr": ["Règlement pacifique des différends", "Méthodes de travail", "Assistance aux États tiers"]}[lang]
    others = {"en": ["2nd meeting", "1st and 3rd meetings", "3rd meeting"],
              "fr": ["deuxième réunion", "première réunion", "troisième réunion"]}[lang]

    def text(days):
        return "\n\n".join(sentence.format(n=i + 1, item=items[i], day=d, other=others[i])
                           for i, d in enumerate(days)) + "\n"

    facts = facts_of(text([18, 18, 18]), lang, glossary)
    assert facts.date_conflicts == []
    listed = [m for m in facts.meeting_mentions if m.ordinal in ordinals]
    assert len(listed) == 6
    # "its"/"ses": the body named before it, not the one named after and nearer.
    assert {m.body for m in listed} == {body}
    for days, slipped in (([18, 19, 18], 1), ([18, 18, 28], 2)):
        conflicts = facts_of(text(days), lang, glossary).date_conflicts
        assert [c.at.paragraph.index for c in conflicts] == [slipped], days


@pytest.mark.parametrize("lang,first,second,shared", [
    ("en", "2. The Fifth Committee considered the item at its 21st and resumed 27th meetings, on 15 and 29 December 2014.",
     "3. The Fifth Committee considered the item at its 15th, 26th and resumed 27th meetings, on 19 November and 23 "
     "and {day} December 2014.", 27),
    ("fr", "2. Le Groupe de travail a examiné la question à ses troisième et cinquième réunions, les 15 et 29 mai 2014.",
     "3. Le Groupe de travail a examiné la question à ses première, deuxième et cinquième réunions, les 12, 13 et {day} "
     "mai 2014.", 5),
])
def test_two_lists_of_meetings_that_share_one_are_each_meeting_by_number(glossary, lang, first, second, shared):
    # One place that names several numbered meetings is a mention of each: the meeting both lists
    # hold links them, and the others keep their own days.
    facts = facts_of(first + "\n\n" + second.format(day=29) + "\n", lang, glossary)
    assert facts.date_conflicts == []
    numbered = [e for e in facts.meetings if e.ordinals]
    assert all(len(e.ordinals) == 1 for e in numbered)
    both = next(e for e in numbered if (shared, "meeting") in e.ordinals)
    assert len(both.mentions) == 2
    slipped = facts_of(first + "\n\n" + second.format(day=30) + "\n", lang, glossary).date_conflicts
    assert [(c.entity.ordinals, c.at.paragraph.index) for c in slipped] == [({(shared, "meeting")}, 1)]


@pytest.mark.parametrize("lang,text", [
    ("en", "1. The twenty-fifth session of the Commission on Crime Prevention and Criminal Justice will be held in Vienna "
           "from 23 to 27 May 2016; the twenty-fifth session was opened on 11 December 2015 for the election of the "
           "Bureau only.\n\n2. The Commission on Crime Prevention and Criminal Justice will hold its twenty-fifth "
           "session in Vienna from 23 to 27 {month} 2016.\n"),
    ("fr", "1. La vingt-cinquième session de la Commission pour la prévention du crime et la justice pénale se tiendra à "
           "Vienne du 23 au 27 mai 2016 ; la vingt-cinquième session a été ouverte le 11 décembre 2015 aux seules fins "
           "de l'élection du Bureau.\n\n2. La Commission pour la prévention du crime et la justice pénale tiendra sa "
           "vingt-cinquième session à Vienne du 23 au 27 {month} 2016.\n"),
])
def test_a_session_dated_twice_in_one_sentence_is_one_dating_of_it(glossary, lang, text):
    # Its opening for the election of the Bureau and its days, in one sentence: not two datings that
    # disagree; the days repeated elsewhere agree with them, a month changed there does not.
    months = {"en": ("May", "June"), "fr": ("mai", "juin")}[lang]
    assert facts_of(text.format(month=months[0]), lang, glossary).date_conflicts == []
    conflicts = facts_of(text.format(month=months[1]), lang, glossary).date_conflicts
    assert [c.at.paragraph.index for c in conflicts] == [1]


_AWAY = {
    # A session held away from Vienna: its heading gives the city and the country.
    "en": ("Conference of the States Parties to the United Nations Convention against Corruption\n\n"
           "Sixth session\n\nSt. Petersburg, Russian Federation, {start}-6 November 2015\n\n"
           "Provisional agenda and annotations\n\n"
           "1. In its decision 4/1, the Conference accepted the offer of the Government of the Russian Federation to "
           "host its sixth session. The sixth session will be opened at 10 a.m. on {opening} November 2015, at the "
           "ExpoForum Convention and Exhibition Centre in St. Petersburg.\n"),
    "fr": ("Conférence des États parties à la Convention des Nations Unies contre la corruption\n\n"
           "Sixième session\n\nSaint-Pétersbourg (Fédération de Russie), {start}-6 novembre 2015\n\n"
           "Ordre du jour provisoire et annotations\n\n"
           "1. Dans sa décision 4/1, la Conférence a accepté l'offre du Gouvernement de la Fédération de Russie "
           "d'accueillir sa sixième session. La sixième session s'ouvrira le {opening} novembre 2015 à 10 heures, "
           "au centre de congrès et d'expositions ExpoForum, à Saint-Pétersbourg.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_heading_that_gives_city_and_country_dates_the_session(glossary, lang):
    facts = facts_of(_AWAY[lang].format(start=2, opening=2), lang, glossary)
    session = next(e for e in facts.meetings if (6, "session") in e.ordinals)
    assert {d.day for m in session.dated for d in m.dates.covered} == {2, 3, 4, 5, 6}
    assert facts.date_conflicts == []


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("start,opening", [(3, 2), (1, 2), (2, 3)])
def test_a_meeting_opens_on_the_first_of_its_days(glossary, lang, start, opening):
    # The opening day inside the span or just before it, other than its first day: one of the
    # two is a slip.
    facts = facts_of(_AWAY[lang].format(start=start, opening=opening), lang, glossary)
    assert len(facts.date_conflicts) == 1


@pytest.mark.parametrize("lang,text", [
    # Parts of a session that open on days of their own.
    ("en", "Commission on Narcotic Drugs\n\nSixtieth session\n\nVienna, 13-17 March 2017\n\n"
           "1. The sixtieth session of the Commission will be opened at 10 a.m. on Monday, 13 March 2017.\n\n"
           "2. The high-level segment of the sixtieth session will be opened on Tuesday, 14 March 2017.\n\n"
           "3. The thematic discussion of its sixtieth session will be opened on Thursday, 16 March 2017.\n"),
    ("fr", "Commission des stupéfiants\n\nSoixantième session\n\nVienne, 13-17 mars 2017\n\n"
           "1. La soixantième session de la Commission s'ouvrira le lundi 13 mars 2017 à 10 heures.\n\n"
           "2. Le débat de haut niveau de la soixantième session s'ouvrira le mardi 14 mars 2017.\n\n"
           "3. Le débat thématique de sa soixantième session s'ouvrira le jeudi 16 mars 2017.\n"),
    ("en", "The Commission will hold its twenty-fifth session in Vienna from 23 to 27 May 2016. The high-level "
           "segment will be held on 24 May 2016.\n\nOn 11 December 2015, the Commission opened its twenty-fifth "
           "session for the sole purpose of electing the Bureau.\n"),
    ("fr", "La Commission tiendra sa vingt-cinquième session à Vienne du 23 au 27 mai 2016. Le débat de haut niveau "
           "se tiendra le 24 mai 2016.\n\nLe 11 décembre 2015, la Commission a ouvert sa vingt-cinquième session aux "
           "seules fins d'élire son bureau.\n"),
])
def test_a_day_of_a_session_that_is_not_its_opening_is_no_conflict(glossary, lang, text):
    assert facts_of(text, lang, glossary).date_conflicts == []


# -- tables ---------------------------------------------------------------------------------------

def test_cells_of_a_tab_row_with_a_parallel_meeting(glossary):
    d = read_text("t.md", "Monday, 14 March\t10 a.m.-1 p.m.\tItem 3. General debate\tCommittee of the Whole\n", "md")
    p = d.paragraphs[0]
    assert [c.kind for c in cells(p)] == ["date", "time", "title", "text"]
    (row,) = tab_rows(p)
    assert row.items == ((3, None),) and p.text[slice(*row.title)] == "General debate" and row.after_time


def test_a_ragged_row_with_empty_cells_and_markup_reads(glossary):
    d = read_text("t.md", "| | **1 (a)** | Opening of the session | | |\n|  |  |\n| <b></b> |\n", "md")
    rows = [r for p in d.paragraphs for r in tab_rows(p)]
    assert [(r.items, d.paragraphs[0].text[slice(*r.title)]) for r in rows] == [(((1, "a"),), "Opening of the session")]


def test_a_pdf_annex_row():
    d = read_text("t.txt", "Jeudi 18 octobre 10 heures-13 heures 6 Examen des recommandations\n", "txt")
    row = line_row(d.paragraphs[0])
    assert row.items == ((6, None),) and row.after_time
    assert d.paragraphs[0].text[slice(*row.title)] == "Examen des recommandations"


def test_joined_pdf_rows_are_split_at_the_next_row(glossary):
    # Rows printed without blank lines between them are joined by the reader; the facts split them.
    agenda = "1. Questions d'organisation.\n\n2. Débat général.\n\n3. Questions diverses.\n\nAnnexe\n\n"
    annex = ("10 heures-13 heures 1 Questions d'organisation\n"
             "2 Débat général\n"
             "15 heures-18 heures 3 Questions diverses\n")
    facts = facts_of(agenda + annex, "fr", glossary, fmt="txt")
    rows = [(m.key[0], m.title_text()) for m in facts.item_mentions if m.place == "programme"]
    assert rows == [(1, "Questions d'organisation"), (2, "Débat général"), (3, "Questions diverses")]
    assert facts.item_conflicts == []


# -- documents ------------------------------------------------------------------------------------

def test_citation_titles_listed_and_in_running_text(glossary):
    text = ("Leurs réponses sont résumées dans le rapport du Secrétariat sur l'application de la Convention par les "
            "États parties (CTOC/COP/WG.2/2012/3-CTOC/COP/WG.3/2012/4).\n\n"
            "Documentation\n\n"
            "Rapport du Secrétariat sur l'application de la Convention par les États parties "
            "(CTOC/COP/WG.2/2012/3-CTOC/COP/WG.3/2012/4)\n\n"
            "Le Groupe de travail a adopté des recommandations qui figurent dans son rapport (CTOC/COP/WG.4/2015/6).\n")
    facts = facts_of(text, "fr", glossary)
    (joint, other) = facts.documents
    assert joint.symbols == ["CTOC/COP/WG.2/2012/3", "CTOC/COP/WG.3/2012/4"]
    assert [(c.listed, c.kind, c.title_text[:27]) for c in joint.mentions] == [
        (False, "report", "rapport du Secrétariat sur "), (True, "report", "Rapport du Secrétariat sur ")]
    assert other.mentions[0].title is None  # "son rapport" points to a document; it is no title


# -- official names almost right ------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,written,official", [
    ("en", "The Economic and Social Councils met.", "Economic and Social Councils", "Economic and Social Council"),
    ("en", "The Department for Public Information", "Department for Public Information", "Department of Public Information"),
    ("en", "the International Tribunal for Rwanda closed", "International Tribunal for Rwanda",
     "International Criminal Tribunal for Rwanda"),
    ("fr", "Le Conseil de sécurités a examiné.", "Conseil de sécurités", "Conseil de sécurité"),
    ("fr", "l'Organisation de États américains", "Organisation de États américains", "Organisation des États américains"),
    ("fr", "le Secrétaire général de l'Organisation des Nations Unie.", "Organisation des Nations Unie",
     "Organisation des Nations Unies"),
])
def test_near_names(glossary, lang, text, written, official):
    from tmcheck.facts.names import near_names

    facts = facts_of(text + "\n", lang, glossary)
    p = facts.analysis.paragraphs[0]
    assert [(p.text[n.start:n.end], n.official) for n in near_names(facts.analysis, p)] == [(written, official)]


@pytest.mark.parametrize("lang,text", [
    ("en", "the Fourth Geneva Convention and the previous Review Conferences"),
    ("en", "the Departments of Peacekeeping Operations, Field Support and Political Affairs"),
    ("en", "The World Organization of Prenatal Education"),
    ("en", "the Economic and Social Council"),  # the name itself
    ("fr", "l'Organisation mondiale des associations pour l'éducation prénatale"),
])
def test_no_near_names(glossary, lang, text):
    from tmcheck.facts.names import near_names

    facts = facts_of(text + "\n", lang, glossary)
    assert near_names(facts.analysis, facts.analysis.paragraphs[0]) == []


# Slips to make of every name: a word dropped, a word in the plural, a small word swapped.
_SWAPS = {"de": "des", "des": "de", "du": "de", "la": "le", "le": "la", "of": "for", "for": "of", "on": "of",
          "and": "of", "the": "of"}


def _slips_of_every_name(glossary, lang: str) -> str:
    """Each name of the glossary as written and with each slip, in a sentence and alone."""
    lines = []
    for name in glossary.names[lang][0]:
        tokens = name.text.split()
        variants = [tokens]
        for d, token in enumerate(tokens):
            variants.append(tokens[:d] + tokens[d + 1:])
            variants.append(tokens[:d] + [token + "s"] + tokens[d + 1:])
            if token in _SWAPS:
                variants.append(tokens[:d] + [_SWAPS[token]] + tokens[d + 1:])
        for v in variants:
            written = " ".join(v)
            lines += [written, ("Le {} a examiné la question." if lang == "fr" else "The {} met in Vienna.").format(written)]
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_anchors_let_through_every_name_worth_reading(lang, monkeypatch):
    """_anchored's places around a word (and its _slip_tests) are a cheap test before
    _worth_reading: every candidate that _worth_reading passes passes it, over every name of the
    glossary written with each slip (and the near misses found are the same), while most of the
    others stop there."""
    from tmcheck.facts import names

    def open_anchors(by_stem, word):  # the word's own place: always passes
        here = len(names._BLANKS)
        return tuple((here, word, here, word, here, word, (here, word[:1], here, word, here, word[:1], here, word, c))
                     for c in names._candidates(by_stem, word))

    worth_reading = names._worth_reading

    def run(anchored):
        monkeypatch.setattr(names, "_anchored", anchored)
        # A copy of its own, pickled without what was derived from it (the table of candidates).
        glossary = pickle.loads(pickle.dumps(load_glossary(glossary_dir())))
        calls, passed = [], []

        def recording(words, start, n, name_words):
            calls.append(1)
            ok = worth_reading(words, start, n, name_words)
            if ok:
                passed.append((words, start, name_words))
            return ok

        monkeypatch.setattr(names, "_worth_reading", recording)
        analysis = Analysis(read_text("names.md", _slips_of_every_name(glossary, lang), "md"), lang, glossary)
        found = [names.near_names(analysis, p) for p in analysis.paragraphs]
        return len(calls), passed, found

    anchored_calls, anchored_passed, anchored_found = run(names._anchored)
    open_calls, open_passed, open_found = run(open_anchors)
    assert anchored_passed == open_passed and len(open_passed) > 1000
    assert anchored_found == open_found and sum(map(len, open_found)) > 100
    assert anchored_calls * 2 < open_calls


def test_the_words_of_a_folded_paragraph_are_those_of_its_names():
    """paragraph_words reads a paragraph's words once for the titles (COMPARABLE_WORD) and the
    names (NAME_TOKEN): the same words once the text is folded, whatever its apostrophes."""
    from tmcheck.glossary.names import NAME_TOKEN
    from tmcheck.lang.text import folded_words

    for text in ("L’Office des Nations Unies contre la drogue et le crime", "l'ONUDC, lʼOffice, l‘Office, d’’x",
                 "crime1 Crime2s 3e Ǆemal ÉTATS-UNIS d’Amérique l' ’", "Économique_et_social’ ’’ 'x'"):
        folded, words = folded_words(text)
        assert words == tuple(NAME_TOKEN.findall(folded)) and len(folded) == len(text)
        assert "’" in text and "’" not in folded


@pytest.mark.parametrize("lang,text,ordinals", [
    ("fr", "La Conférence a tenu sa première session à Vienne du 28 juin au 8 juillet 2004. Elle a tenu ses quatrième "
           "et cinquième sessions à Vienne du 8 au 17 octobre 2008 et du 18 au 22 octobre 2010, respectivement.",
     {1, 4, 5}),
    ("en", "The Commission on Narcotic Drugs met in March. The Working Group met in May. It held its fifth and sixth "
           "sessions in Vienna from 8 to 17 October 2008 and from 18 to 22 October 2010, respectively.", {5, 6}),
])
def test_an_unnamed_body_is_the_one_named_before(glossary, lang, text, ordinals):
    facts = facts_of(text + "\n", lang, glossary)
    assert {m.ordinal for m in facts.meeting_mentions if m.dates is not None} == ordinals


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_only_the_keyed_words_of_a_glossary_have_candidates(lang):
    """_find_all looks up the candidates of a draft's words in _keyed_words only: every word that
    has some is there, over the words of every name, each with the plural endings stems() reads
    back (s, x, ies, aux), and those of every name written with each slip."""
    from tmcheck.facts import names
    from tmcheck.lang.text import COMPARABLE_WORD, fold_text

    glossary = load_glossary(glossary_dir())
    by_stem = glossary.names[lang][1]
    keyed = names._keyed_words(glossary, lang)
    words = {w for name in glossary.names[lang][0] for w in name.words}
    words |= {w + end for w in words for end in ("s", "x", "es")}
    words |= {w[:-1] + "ies" for w in words if w.endswith("y")} | {w[:-2] + "aux" for w in words if w.endswith("al")}
    words |= set(COMPARABLE_WORD.findall(fold_text(_slips_of_every_name(glossary, lang))))
    having = {w for w in words if names._candidates(by_stem, w)}
    assert len(having) > 500 and having <= keyed
