"""A small fixed sample of bench/slips_pairs.py: slips made in the translation of real UN pairs,
one per document at a time, both directions, must be found at their line in the right family;
the unaltered sample must stay (almost) clean. The full run is the bench's."""

from __future__ import annotations


import pytest

from conftest import ROOT, UNPC, needs, load_script
from tmcheck.engine import Linter, Options
from tmcheck.glossary import load_glossary
from tmcheck.resources import glossary_dir


def _bench():
    return load_script(ROOT / "bench" / "slips_pairs.py")


@pytest.fixture(scope="module")
def sample():
    bench = _bench()
    return bench, bench.sample_rows(bench.load_rows(UNPC), 100)


@needs(UNPC)
@pytest.mark.parametrize("source,target", [("fr", "en"), ("en", "fr")])
def test_acronym_slips_on_a_sample(sample, source, target):
    bench, rows = sample
    g = load_glossary(glossary_dir())
    tally = bench.run_acronyms(rows, source, target, g, Linter(Options()))
    report = {k: (tally.found[k], tally.total[k]) for k in tally.total if k.count(":") == 1}
    for op in bench.OPERATORS:
        named = f"official:{op}:source-named"
        assert tally.total[named] >= 20, (op, tally.total[named])
        # The source names the body: it says which acronym the translation needs.
        assert tally.recall(named) >= 0.95, (op, report, tally.missed[named][:5])
        assert tally.recall(f"official:{op}") >= 0.9, (op, report, tally.missed[f"official:{op}"][:5])


@needs(UNPC)
@pytest.mark.parametrize("source,target", [("fr", "en"), ("en", "fr")])
def test_number_slips_and_precision_on_a_sample(sample, source, target):
    bench, rows = sample
    linter = Linter(Options())
    tally = bench.run_numbers(rows, source, target, linter)
    assert tally.total["number"] >= 100
    assert tally.recall("number") >= 0.95, tally.missed["number"][:5]
    flagged, per_code = bench.precision(rows, source, target, linter)
    assert flagged <= 0.01 * len(rows), per_code
