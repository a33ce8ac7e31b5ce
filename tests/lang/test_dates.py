"""Tests for tmcheck.lang.calendar and tmcheck.lang.dates."""

from __future__ import annotations

from datetime import date

import pytest

from tmcheck.lang.calendar import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
    month_name,
    near_name,
    weekday_name,
)
from tmcheck.lang.dates import DateMention, DayRef, NameIssue, find_dates


# --------------------------------------------------------------------------------------------------
# Helpers


def _summary(text: str, lang: str) -> list[tuple]:
    """Each mention as (kind, ((d, m, y), ...), (weekday, ...), ((written, correct, kind), ...), span text)."""
    out = []
    for m in find_dates(text, lang):
        out.append((
            m.kind,
            tuple((d.day, d.month, d.year) for d in m.days),
            tuple(d.weekday for d in m.days),
            tuple((i.written, i.correct, i.kind) for i in m.issues),
            text[m.span[0]:m.span[1]],
        ))
    return out


def M(kind, days, weekdays=None, issues=(), span=None):
    """An expected mention; ``span`` None means "don't check the span text"."""
    return (kind, tuple(days), tuple(weekdays) if weekdays is not None else (None,) * len(days),
            tuple(issues), span)


def _check(text: str, lang: str, expected: list[tuple]) -> None:
    got = _summary(text, lang)
    assert len(got) == len(expected), f"{text!r}: got {got}"
    for g, e in zip(got, expected):
        if e[4] is None:
            g = g[:4] + (None,)
        assert g == e, f"{text!r}: got {g}, expected {e}"


MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# --------------------------------------------------------------------------------------------------
# French forms

FR_CASES = [
    ("lundi 17 octobre 2016",
     [M("single", [(17, 10, 2016)], [MON], span="lundi 17 octobre 2016")]),
    ("La réunion s'ouvrira le mercredi 17 octobre 2012 à 10 heures.",
     [M("single", [(17, 10, 2012)], [WED], span="mercredi 17 octobre 2012")]),
    ("le 1er juin", [M("single", [(1, 6, None)], span="1er juin")]),
    ("le 1 er juin", [M("single", [(1, 6, None)], span="1 er juin")]),
    ("le 1\u00a0er\u00a0juin 2016", [M("single", [(1, 6, 2016)])]),
    ("le 1ᵉʳ juin 2016", [M("single", [(1, 6, 2016)])]),
    ("le 17\u00a0octobre\u00a02016", [M("single", [(17, 10, 2016)])]),
    ("du 28 au 30 septembre 2015",
     [M("range", [(28, 9, 2015), (30, 9, 2015)], span="du 28 au 30 septembre 2015")]),
    ("Du 28 au 30 septembre 2015", [M("range", [(28, 9, 2015), (30, 9, 2015)])]),
    ("du 28 septembre au 2 octobre 2015",
     [M("range", [(28, 9, 2015), (2, 10, 2015)], span="du 28 septembre au 2 octobre 2015")]),
    ("du 28 décembre 2015 au 3 janvier 2016", [M("range", [(28, 12, 2015), (3, 1, 2016)])]),
    ("28 septembre-2 octobre 2015", [M("range", [(28, 9, 2015), (2, 10, 2015)])]),
    ("du 3 jusqu’au 5 mai 2017", [M("range", [(3, 5, 2017), (5, 5, 2017)])]),
    ("les 6 et 7 juin 2016", [M("list", [(6, 6, 2016), (7, 6, 2016)], span="6 et 7 juin 2016")]),
    ("les 6 et 7 juin", [M("list", [(6, 6, None), (7, 6, None)])]),
    ("les 6, 7 et 8 juin 2016", [M("list", [(6, 6, 2016), (7, 6, 2016), (8, 6, 2016)])]),
    ("le 6 et le 7 juin", [M("list", [(6, 6, None), (7, 6, None)])]),
    ("les 6 juin et 7 juillet 2016", [M("list", [(6, 6, 2016), (7, 7, 2016)])]),
    ("le 9 juin 2015 et les 18 et 19 mai 2016",
     [M("single", [(9, 6, 2015)], span="9 juin 2015"),
      M("list", [(18, 5, 2016), (19, 5, 2016)], span="18 et 19 mai 2016")]),
    ("17-21 octobre 2016", [M("range", [(17, 10, 2016), (21, 10, 2016)], span="17-21 octobre 2016")]),
    ("17–21 octobre 2016", [M("range", [(17, 10, 2016), (21, 10, 2016)], span="17–21 octobre 2016")]),
    ("17 – 21 octobre 2016", [M("range", [(17, 10, 2016), (21, 10, 2016)])]),
    ("Genève, 17-21 octobre 2016", [M("range", [(17, 10, 2016), (21, 10, 2016)])]),
    ("Mardi 18 octobre", [M("single", [(18, 10, None)], [TUE], span="Mardi 18 octobre")]),
    ("Mercredi 17 octobre\t10 heures-13 heures",
     [M("single", [(17, 10, None)], [WED], span="Mercredi 17 octobre")]),
    ("entre le 3 et le 5 mai 2017",
     [M("range", [(3, 5, 2017), (5, 5, 2017)], span="entre le 3 et le 5 mai 2017")]),
    ("du lundi 17 au vendredi 21 octobre 2016",
     [M("range", [(17, 10, 2016), (21, 10, 2016)], [MON, FRI],
        span="du lundi 17 au vendredi 21 octobre 2016")]),
    ("le lundi 17 octobre 2016", [M("single", [(17, 10, 2016)], [MON], span="lundi 17 octobre 2016")]),
    ("Lundi 17 et mardi 18 octobre", [M("list", [(17, 10, None), (18, 10, None)], [MON, TUE])]),
    ("le 31 juin 2016", [M("single", [(31, 6, 2016)], span="31 juin 2016")]),
    ("le 17 Octobre 2016", [M("single", [(17, 10, 2016)])]),
    ("OCTOBRE : le 17 OCTOBRE 2016", [M("single", [(17, 10, 2016)])]),
    ("le 17 oct. 2016", [M("single", [(17, 10, 2016)], span="17 oct. 2016")]),
    ("le 3 févr. et le 4 juill. 2016", [M("single", [(3, 2, None)]), M("single", [(4, 7, 2016)])]),
    ("le 17 octobre 2012 à 10 heures", [M("single", [(17, 10, 2012)], span="17 octobre 2012")]),
    ("le 17 octobre 2016 à 10 heures et le 18 octobre 2016 à 15 heures",
     [M("single", [(17, 10, 2016)]), M("single", [(18, 10, 2016)])]),
    ("le 17 octobre, 18 heures", [M("single", [(17, 10, None)], span="17 octobre")]),
    ("le 17 octobre 2016 – 10 heures", [M("single", [(17, 10, 2016)], span="17 octobre 2016")]),
    ("résolution 70/1 du 25 septembre 2015", [M("single", [(25, 9, 2015)], span="25 septembre 2015")]),
    ("au paragraphe 3 et le 5 mai 2016", [M("single", [(5, 5, 2016)], span="5 mai 2016")]),
    ("conformément au paragraphe 3, le 5 mai 2016", [M("single", [(5, 5, 2016)])]),
    ("le 2 mars 2016 et le 15 août 2016", [M("single", [(2, 3, 2016)]), M("single", [(15, 8, 2016)])]),
    ("lundi 17 octobre 2016 (mardi 18 octobre)",
     [M("single", [(17, 10, 2016)], [MON]), M("single", [(18, 10, None)], [TUE])]),
    ("Le Comité a tenu sa 17e séance le 3 mai", [M("single", [(3, 5, None)], span="3 mai")]),
    ("les 3, 4, 5 et 6 mai et le 7 juin 2016",
     [M("list", [(3, 5, None), (4, 5, None), (5, 5, None), (6, 5, None)]), M("single", [(7, 6, 2016)])]),
    ("le 1er et le 2 juin", [M("list", [(1, 6, None), (2, 6, None)])]),
]

# Misspelt names: parsed as the intended name and reported.
FR_ISSUES = [
    ("mecredi 17 octobre 2012",
     [M("single", [(17, 10, 2012)], [WED], [("mecredi", "mercredi", "weekday")])]),
    ("Mecredi 17 octobre",
     [M("single", [(17, 10, None)], [WED], [("Mecredi", "Mercredi", "weekday")])]),
    ("17 ocotbre 2016", [M("single", [(17, 10, 2016)], issues=[("ocotbre", "octobre", "month")])]),
    ("le 17 fevrier 2016", [M("single", [(17, 2, 2016)], issues=[("fevrier", "février", "month")])]),
    ("17 aout", [M("single", [(17, 8, None)], issues=[("aout", "août", "month")])]),
    ("le 3 decembre", [M("single", [(3, 12, None)], issues=[("decembre", "décembre", "month")])]),
    ("du 28 septmbre au 2 octobre 2015",
     [M("range", [(28, 9, 2015), (2, 10, 2015)], issues=[("septmbre", "septembre", "month")])]),
    ("du lundi 17 au venderdi 21 octobre 2016",
     [M("range", [(17, 10, 2016), (21, 10, 2016)], [MON, FRI], [("venderdi", "vendredi", "weekday")])]),
    ("le 17 October 2016", [M("single", [(17, 10, 2016)], issues=[("October", "Octobre", "month")])]),
    ("le 17 sept 2016", [M("single", [(17, 9, 2016)], issues=[("sept", "septembre", "month")])]),
    ("jeudi 17 ocotbre", [M("single", [(17, 10, None)], [THU], [("ocotbre", "octobre", "month")])]),
]

FR_NON_DATES = [
    "résolution 5/7",
    "article 17 de la Convention",
    "10 heures-13 heures",
    "1 a) Ouverture de la session",
    "CTOC/COP/2016/6",
    "E/CN.15/2015/12",
    "A/70/17 mai 2016",
    "2016",
    "en 2016",
    "la session de mai 2016",
    "paragraphe 3 mai",
    "article 17 mars",
    "articles 3, 4 et 5 mai",
    "17 États Membres",
    "20 % des 17 pays",
    "cinquante-huitième session",
    "17 mois",
    "17 mais",            # no evidence beyond a near-miss
    "17 jui 2016",        # "jui" could be juin or juillet
    "3,5 mai",
    "Point 3\tMai 2016",  # a tab separates table cells
    "lundi 17",           # a weekday and a number are not a date without a month
    "1er alinéa",
    "3er juin",
]


@pytest.mark.parametrize("text,expected", FR_CASES + FR_ISSUES, ids=[c[0] for c in FR_CASES + FR_ISSUES])
def test_french(text, expected):
    _check(text, "fr", expected)


@pytest.mark.parametrize("text", FR_NON_DATES)
def test_french_non_dates(text):
    assert find_dates(text, "fr") == []


# --------------------------------------------------------------------------------------------------
# English forms

EN_CASES = [
    ("Monday, 17 October 2016",
     [M("single", [(17, 10, 2016)], [MON], span="Monday, 17 October 2016")]),
    ("Monday 17 October 2016", [M("single", [(17, 10, 2016)], [MON])]),
    ("MONDAY, 17 OCTOBER 2016", [M("single", [(17, 10, 2016)], [MON])]),
    ("17 October 2016", [M("single", [(17, 10, 2016)], span="17 October 2016")]),
    ("on 1 June", [M("single", [(1, 6, None)], span="1 June")]),
    ("1st June", [M("single", [(1, 6, None)], span="1st June")]),
    ("on the 17th of June 2016", [M("single", [(17, 6, 2016)], span="17th of June 2016")]),
    ("from 28 to 30 September 2015",
     [M("range", [(28, 9, 2015), (30, 9, 2015)], span="from 28 to 30 September 2015")]),
    ("28-30 September 2015", [M("range", [(28, 9, 2015), (30, 9, 2015)], span="28-30 September 2015")]),
    ("17–21 October 2016", [M("range", [(17, 10, 2016), (21, 10, 2016)])]),
    ("from 28 September to 2 October 2015",
     [M("range", [(28, 9, 2015), (2, 10, 2015)], span="from 28 September to 2 October 2015")]),
    ("28 September to 2 October 2015", [M("range", [(28, 9, 2015), (2, 10, 2015)])]),
    ("from Monday, 17 to Friday, 21 October 2016",
     [M("range", [(17, 10, 2016), (21, 10, 2016)], [MON, FRI])]),
    ("between 28 December 2015 and 3 January 2016", [M("range", [(28, 12, 2015), (3, 1, 2016)])]),
    ("on 6 and 7 June 2016", [M("list", [(6, 6, 2016), (7, 6, 2016)], span="6 and 7 June 2016")]),
    ("on 6, 7 and 8 June 2016", [M("list", [(6, 6, 2016), (7, 6, 2016), (8, 6, 2016)])]),
    ("on 6, 7, and 8 June", [M("list", [(6, 6, None), (7, 6, None), (8, 6, None)])]),
    ("on 9 June 2015 and on 18 and 19 May 2016",
     [M("single", [(9, 6, 2015)], span="9 June 2015"),
      M("list", [(18, 5, 2016), (19, 5, 2016)], span="18 and 19 May 2016")]),
    ("between 3 and 5 May 2017",
     [M("range", [(3, 5, 2017), (5, 5, 2017)], span="between 3 and 5 May 2017")]),
    ("October 17, 2016", [M("single", [(17, 10, 2016)], span="October 17, 2016")]),
    ("Monday, October 17, 2016",
     [M("single", [(17, 10, 2016)], [MON], span="Monday, October 17, 2016")]),
    ("June 1st, 2016", [M("single", [(1, 6, 2016)])]),
    ("October 17–21, 2016", [M("range", [(17, 10, 2016), (21, 10, 2016)])]),
    ("October 17 at 10 a.m.", [M("single", [(17, 10, None)], span="October 17")]),
    ("Monday, May 17", [M("single", [(17, 5, None)], [MON])]),
    ("Tuesday, 18 October", [M("single", [(18, 10, None)], [TUE], span="Tuesday, 18 October")]),
    ("Thursday 17 May", [M("single", [(17, 5, None)], [THU])]),
    ("the 17 May meeting", [M("single", [(17, 5, None)])]),
    ("17 Oct. 2016 and 3 Sept. 2015", [M("single", [(17, 10, 2016)]), M("single", [(3, 9, 2015)])]),
    ("on 17 october 2016", [M("single", [(17, 10, 2016)])]),
    ("on 17 march 2016", [M("single", [(17, 3, 2016)])]),
    ("on 17 October 2012 at 10 a.m.", [M("single", [(17, 10, 2012)], span="17 October 2012")]),
    ("The Conference (29 February 2015) met", [M("single", [(29, 2, 2015)])]),
    ("June 6, 7 and 8, 2016", [M("list", [(6, 6, 2016), (7, 6, 2016), (8, 6, 2016)])]),
    ("October 17 to 21, 2016", [M("range", [(17, 10, 2016), (21, 10, 2016)])]),
    ("On June 6, 17 States signed", [M("single", [(6, 6, None)], span="June 6")]),
    ("On October 17 the Committee met", [M("single", [(17, 10, None)])]),
    ("1, 2, 3, Monday 4-Tuesday 5 June",
     [M("range", [(4, 6, None), (5, 6, None)], [MON, TUE], span="Monday 4-Tuesday 5 June")]),
    ("Friday, 13 November 2015–Sunday, 15 November 2015",
     [M("range", [(13, 11, 2015), (15, 11, 2015)], [FRI, SUN])]),
    ("A/RES/70/1, 25 September 2015", [M("single", [(25, 9, 2015)], span="25 September 2015")]),
]

EN_ISSUES = [
    ("Wendesday, 19 October 2016",
     [M("single", [(19, 10, 2016)], [WED], [("Wendesday", "Wednesday", "weekday")])]),
    ("17 Ocotber 2016", [M("single", [(17, 10, 2016)], issues=[("Ocotber", "October", "month")])]),
    ("Ocotber 17, 2016", [M("single", [(17, 10, 2016)], issues=[("Ocotber", "October", "month")])]),
    ("Thu 17 Oct 2016",
     [M("single", [(17, 10, 2016)], [THU], [("Thu", "Thursday", "weekday"), ("Oct", "October", "month")])]),
    ("on 17 Jun 2016", [M("single", [(17, 6, 2016)], issues=[("Jun", "June", "month")])]),
    ("on 17 Mar 2016", [M("single", [(17, 3, 2016)], issues=[("Mar", "March", "month")])]),
    ("on 17 Mai 2016", [M("single", [(17, 5, 2016)], issues=[("Mai", "May", "month")])]),
]

EN_NON_DATES = [
    "20 per cent",
    "the May 2016 session",
    "in May 2016",
    "You may 17 times",
    "you May 17 times",
    "May 17",                      # an ambiguous month name needs a year or a weekday in US order
    "article 17 may apply",
    "Article 17 May apply",
    "rule 17 March",
    "CTOC/COP/2016/6",
    "fifty-eighth session",
    "E/CN.15/2015/12",
    "2016",
    "the 17 Member States",
    "in October 17 delegations",
    "In June 17 States ratified the Convention",
    "17 march to the square",
    "resolution 5/7",
    "paragraphs 6 and 7 June",
    "10 a.m.-1 p.m.",
    "1 (a) Opening of the session",
    "Monday 17",
    "the 17 remember",
]


@pytest.mark.parametrize("text,expected", EN_CASES + EN_ISSUES, ids=[c[0] for c in EN_CASES + EN_ISSUES])
def test_english(text, expected):
    _check(text, "en", expected)


@pytest.mark.parametrize("text", EN_NON_DATES)
def test_english_non_dates(text):
    assert find_dates(text, "en") == []


# --------------------------------------------------------------------------------------------------
# Spans, validity, data model


def test_spans_french_range_with_weekdays():
    text = "La session se tiendra du lundi 17 au vendredi 21 octobre 2016 à Vienne."
    (m,) = find_dates(text, "fr")
    assert text[m.span[0]:m.span[1]] == "du lundi 17 au vendredi 21 octobre 2016"
    d1, d2 = m.days
    assert text[d1.span[0]:d1.span[1]] == "17"
    assert text[d2.span[0]:d2.span[1]] == "21"
    assert text[d1.weekday_span[0]:d1.weekday_span[1]] == "lundi"
    assert text[d2.weekday_span[0]:d2.weekday_span[1]] == "vendredi"


def test_spans_ordinal_and_issue():
    text = "Ouverture le 1er ocotbre 2016."
    (m,) = find_dates(text, "fr")
    (d,) = m.days
    assert text[d.span[0]:d.span[1]] == "1er"
    assert d.weekday is None and d.weekday_span is None
    (issue,) = m.issues
    assert issue == NameIssue(span=(text.index("ocotbre"), text.index("ocotbre") + 7), written="ocotbre",
                              correct="octobre", kind="month")


def test_spans_us_order_weekday():
    text = "It opens on Monday, October 17, 2016, at 10 a.m."
    (m,) = find_dates(text, "en")
    assert text[m.span[0]:m.span[1]] == "Monday, October 17, 2016"
    (d,) = m.days
    assert text[d.span[0]:d.span[1]] == "17"
    assert text[d.weekday_span[0]:d.weekday_span[1]] == "Monday"


def test_spans_are_offsets_in_a_long_paragraph():
    text = ("Rappelant sa résolution 5/7 et l'article 17, la Conférence, réunie à Vienne du 28 septembre "
            "au 2 octobre 2015, a décidé que le Groupe se réunirait les 6, 7 et 8 juin 2016\tet le "
            "mercredi 17 octobre 2012 à 10 heures.")
    found = find_dates(text, "fr")
    assert [text[m.span[0]:m.span[1]] for m in found] == [
        "du 28 septembre au 2 octobre 2015", "6, 7 et 8 juin 2016", "mercredi 17 octobre 2012"]
    assert [m.kind for m in found] == ["range", "list", "single"]


@pytest.mark.parametrize("day,month,year,valid", [
    (31, 6, 2016, False),
    (30, 6, 2016, True),
    (29, 2, 2015, False),
    (29, 2, 2016, True),
    (29, 2, None, True),      # the caller knows the year
    (30, 2, None, False),
    (0, 5, None, False),
    (35, 5, 2016, False),
    (31, 12, 1999, True),
])
def test_dayref_is_valid(day, month, year, valid):
    assert DayRef(day=day, month=month, year=year, span=(0, 2)).is_valid() is valid


def test_invalid_days_are_kept():
    found = find_dates("le 31 juin 2016, le 0 mai et le 35 mai", "fr")
    assert [(d.day, d.month, d.is_valid()) for m in found for d in m.days] == [
        (31, 6, False), (0, 5, False), (35, 5, False)]


def test_weekday_mismatch_is_visible():
    # 17 October 2012 was a Wednesday; a draft that says "jeudi" parses, and the caller can compare.
    (m,) = find_dates("le jeudi 17 octobre 2012", "fr")
    (d,) = m.days
    assert d.weekday == THU
    assert d.as_date() == date(2012, 10, 17)
    assert d.as_date().weekday() == WED != d.weekday


def test_as_date():
    assert DayRef(17, 10, None, (0, 2)).as_date() is None
    assert DayRef(17, 10, None, (0, 2)).as_date(2016) == date(2016, 10, 17)
    assert DayRef(31, 6, 2016, (0, 2)).as_date() is None


def test_mentions_are_immutable_values():
    (m,) = find_dates("le 17 octobre 2016", "fr")
    assert isinstance(m, DateMention)
    with pytest.raises(AttributeError):
        m.kind = "range"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        m.days[0].day = 3  # type: ignore[misc]
    assert hash(m) == hash(find_dates("le 17 octobre 2016", "fr")[0])


def test_unknown_language():
    with pytest.raises(ValueError):
        find_dates("17 octobre 2016", "de")


def test_empty_text():
    assert find_dates("", "fr") == []
    assert find_dates("", "en") == []


def test_two_mentions_same_meeting_can_be_compared():
    text = "La réunion aura lieu le 17 octobre 2016. [...] Le 18 octobre 2016, la réunion s'ouvrira."
    a, b = find_dates(text, "fr")
    assert (a.days[0].day, a.days[0].month, a.days[0].year) == (17, 10, 2016)
    assert (b.days[0].day, b.days[0].month, b.days[0].year) == (18, 10, 2016)


def test_large_input_keeps_every_date():
    # Speed is measured in bench/, never here; this checks that a long text loses no date.
    para = ("La Conférence se tiendra du lundi 17 au vendredi 21 octobre 2016 à Vienne, conformément à la "
            "résolution 5/7 et à l'article 17 de la Convention (CTOC/COP/2016/6, paragraphe 3), et les 6, 7 "
            "et 8 juin 2016; 20 % des 17 États Membres, de 10 heures-13 heures. ")
    text = para * (200_000 // len(para))
    found = find_dates(text, "fr")
    assert len(found) == 2 * (200_000 // len(para))
    numbers = ", ".join(str(i % 100) for i in range(100_000))   # a long run of bare numbers
    assert find_dates(numbers, "en") == []


# --------------------------------------------------------------------------------------------------
# calendar


def test_month_and_weekday_tables():
    assert MONTHS["fr"]["octobre"] == 10 and MONTHS["fr"]["août"] == 8 and MONTHS["fr"]["décembre"] == 12
    assert MONTHS["en"]["october"] == 10 and MONTHS["en"]["may"] == 5
    assert sorted(MONTHS["fr"].values()) == list(range(1, 13))
    assert sorted(MONTHS["en"].values()) == list(range(1, 13))
    assert WEEKDAYS["fr"]["lundi"] == 0 and WEEKDAYS["fr"]["dimanche"] == 6
    assert WEEKDAYS["en"]["monday"] == 0 and WEEKDAYS["en"]["sunday"] == 6
    assert all(k == k.lower() for t in (MONTHS, WEEKDAYS) for names in t.values() for k in names)
    assert MONTH_ABBREVIATIONS["en"]["oct."] == 10 and MONTH_ABBREVIATIONS["en"]["sept."] == 9
    assert MONTH_ABBREVIATIONS["fr"]["juill."] == 7
    assert "may." not in MONTH_ABBREVIATIONS["en"]


@pytest.mark.parametrize("lang,m,name", [
    ("fr", 1, "janvier"), ("fr", 8, "août"), ("fr", 10, "octobre"), ("fr", 12, "décembre"),
    ("en", 5, "May"), ("en", 10, "October"),
])
def test_month_name(lang, m, name):
    assert month_name(lang, m) == name


@pytest.mark.parametrize("lang,wd,name", [
    ("fr", 0, "lundi"), ("fr", 2, "mercredi"), ("fr", 6, "dimanche"),
    ("en", 0, "Monday"), ("en", 2, "Wednesday"), ("en", 6, "Sunday"),
])
def test_weekday_name(lang, wd, name):
    assert weekday_name(lang, wd) == name


@pytest.mark.parametrize("token,lang,kind,expected", [
    # exact names (any case) and real abbreviations: not misspellings
    ("octobre", "fr", "month", None),
    ("Octobre", "fr", "month", None),
    ("OCTOBRE", "fr", "month", None),
    ("août", "fr", "month", None),
    ("October", "en", "month", None),
    ("may", "en", "month", None),
    ("oct.", "en", "month", None),
    ("juill.", "fr", "month", None),
    ("mercredi", "fr", "weekday", None),
    ("Monday", "en", "weekday", None),
    # accents
    ("fevrier", "fr", "month", "février"),
    ("aout", "fr", "month", "août"),
    ("Aout", "fr", "month", "août"),
    ("decembre", "fr", "month", "décembre"),
    ("dècembre", "fr", "month", "décembre"),
    # edit distance
    ("ocotbre", "fr", "month", "octobre"),
    ("septmbre", "fr", "month", "septembre"),
    ("Ocotber", "en", "month", "October"),
    ("Febuary", "en", "month", "February"),
    ("mecredi", "fr", "weekday", "mercredi"),
    ("venderdi", "fr", "weekday", "vendredi"),
    ("Wendesday", "en", "weekday", "Wednesday"),
    ("Tuseday", "en", "weekday", "Tuesday"),
    ("October", "fr", "month", "octobre"),
    ("Mai", "en", "month", "May"),
    # truncations
    ("Sept", "en", "month", "September"),
    ("Mar", "en", "month", "March"),
    ("Thu", "en", "weekday", "Thursday"),
    ("juil", "fr", "month", "juillet"),
    # not close to exactly one name
    ("jui", "fr", "month", None),       # juin or juillet
    ("mais", "fr", "month", None),      # mai or mars
    ("mois", "fr", "month", None),
    ("heures", "fr", "month", None),
    ("Member", "en", "month", None),
    ("per", "en", "month", None),
    ("the", "en", "weekday", None),
    ("le", "fr", "weekday", None),
    ("ma", "fr", "month", None),
    ("midi", "fr", "weekday", None),
    ("lui", "fr", "weekday", None),
    ("mardi", "fr", "month", None),
])
def test_near_name(token, lang, kind, expected):
    assert near_name(token, lang, kind) == expected


def test_near_name_bad_arguments():
    with pytest.raises(ValueError):
        near_name("octobre", "de", "month")
    with pytest.raises(ValueError):
        near_name("octobre", "fr", "year")


def _fold(s: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", s.casefold()) if not unicodedata.combining(c))


def _near_by_osa_alone(word: str, names: list[str]) -> str | None:
    """near_name's edit-distance step without its pre-test: OSA against every name."""
    from rapidfuzz.distance import OSA

    t = _fold(word)
    best, best_d = [], 99
    for name in names:
        folded = _fold(name)
        limit = 1 if len(folded) <= 6 else 2
        d = OSA.distance(t, folded, score_cutoff=limit)
        if d <= limit and d < best_d:
            best, best_d = [name], d
        elif d <= limit and d == best_d:
            best.append(name)
    return best[0] if len(best) == 1 else None


def _edits(word: str) -> set[str]:
    letters = "aeioursnltmdc"
    out = {word[:i] + word[i + 1:] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    out |= {word[:i] + c + word[i + 1:] for i in range(len(word)) for c in letters}
    out |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["month", "weekday"])
def test_near_name_pretest_never_hides_a_misspelling(lang, kind):
    # near_name skips rapidfuzz for a word whose length or letters are too far from every name;
    # every word one or two edits from a name (and everyday words) must get the verdict of OSA alone.
    names = [(month_name if kind == "month" else weekday_name)(lang, i)
             for i in (range(1, 13) if kind == "month" else range(7))]
    words = {"heures", "les", "du", "mois", "Member", "semaine", "session", "Elaboration", "examen"}
    for name in names:
        once = _edits(_fold(name))
        words |= once
        words |= {w for e in sorted(once)[::60] for w in _edits(e)}
    folded = [_fold(n) for n in names]
    checked = 0
    for w in sorted(words):
        t = _fold(w).rstrip(".")
        exact = (MONTHS if kind == "month" else WEEKDAYS)[lang]
        if (len(t) < 3 or not t.isalpha() or w.casefold() in exact or w.casefold() in MONTH_ABBREVIATIONS[lang]
                or t in folded or any(f.startswith(t) for f in folded)):
            continue  # decided before the edit distance
        checked += 1
        assert near_name(w, lang, kind) == _near_by_osa_alone(w, names), w
    assert checked > 1000


def test_may_hold_dates_is_a_search_for_a_digit():
    # may_hold_dates looks for the ASCII digits by str's search and for \d only past Latin-1: the
    # same answer as a search of \d, for every character of the BMP alone and beside others.
    import re

    from tmcheck.lang.dates import may_hold_dates

    digit = re.compile(r"\d")
    for c in map(chr, range(0x10000)):
        if "\ud800" <= c <= "\udfff":
            continue
        for text in (c, f"le {c} mai", f"l’{c}", f"œ{c}é"):
            assert may_hold_dates(text) == bool(digit.search(text)), hex(ord(c))
    assert not may_hold_dates("") and not may_hold_dates("Lundi, l’ordre du jour")
