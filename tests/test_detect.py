"""The language of a draft, guessed when neither the file name nor --lang says it."""

from __future__ import annotations

import pytest

from tmcheck.lang.detect import detect_language

CASES = [
    # UN prose: function words decide.
    ("Pour l'examen de ce point, la Conférence sera saisie du rapport du Secrétariat.", "fr"),
    ("For its consideration of this item, the Conference will have before it the report of the Secretariat.", "en"),
    # Headings and dates only (S/2015/120, UNPC): elided articles and the names of months.
    ("Tentative d'assassinat\n\nAmbassades d'États occidentaux\n\n7 juin 2014\n\n5 novembre 2014\n\n12 novembre 2014", "fr"),
    ("Attempted assassination\n\nEmbassies of Western States\n\n7 June 2014\n\n5 November 2014", "en"),
    # A programme table: weekdays and times.
    ("Lundi 6 septembre\t10 heures-13 heures\tPoint 1\n\nMardi 7 septembre\t15 heures-18 heures\tPoint 4", "fr"),
    ("Monday, 6 September\t10 a.m.-1 p.m.\tItem 1\n\nTuesday, 7 September\t3-6 p.m.\tItem 4", "en"),
]


@pytest.mark.parametrize("text,lang", CASES)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_nothing_to_go_by_gives_the_default():
    assert detect_language("CTOC/COP/WG.4/2016/1", default="fr") == "fr"
    assert detect_language("2016", default="en") == "en"
