"""A title the translation writes almost right is one slip: TM302 reports it at the words, with the
official title as its fix, and TM403 (the source's title not rendered) says nothing more there. A
translation that renders the title otherwise, or not at all, still gets TM403's finding. Pairs
shortened from the UN Parallel Corpus (2015, ../shared/data/unpc), whose slips they keep as written."""

from __future__ import annotations

from conftest import lint_segments

# from 2015/e/cn_6/2015/ngo/163 and 2015/npt/conf_2015/wp_6
NEAR_MISSES = [
    ("Nous condamnons les atrocités commises par l'État islamique d'Iraq et du Levant contre les femmes et les filles.",
     "We condemn the atrocities committed by the Islamic State of Iraq and the Levant against women and girls."),
    ("Les États parties au Traité sur la non-prolifération des armes nucléaires ont réaffirmé leur engagement.",
     "The States parties to the Treaty on the NonProliferation of Nuclear Weapons reaffirmed their commitment."),
]


def test_a_near_miss_is_reported_once_at_its_words():
    found = lint_segments(NEAR_MISSES, "fr", ["TM302", "TM403"])
    assert sorted(f.code for f in found) == ["TM302", "TM302"]
    assert [f.suggestion for f in found] == ["Islamic State in Iraq and the Levant",
                                             "Treaty on the Non-Proliferation of Nuclear Weapons"]
    # TM403 alone still sees both: the two rules agree on the slip.
    assert len(lint_segments(NEAR_MISSES, "fr", ["TM403"])) == 2


def test_a_title_rendered_otherwise_keeps_tm403():
    pairs = [("Le Fonds pour l'environnement mondial a financé le projet.",
              "The Global Environment Fund financed the project.")]  # the slip of 2015/a/conf_224/l_5
    found = lint_segments(pairs, "fr", ["TM302", "TM403"])
    assert [f.code for f in found] == ["TM403"] and found[0].suggestion == "Global Environment Facility"
