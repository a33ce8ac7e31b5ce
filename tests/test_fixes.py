"""Fixes as data: every SARIF fix replaces exactly the flagged span of the file it names, over the
golden documents (alone and as translations of their source) and bilingual files made from the
rule fixtures' pairs; display suggestions (TM206's date, TM403's title...) carry no fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tmcheck.documents.typography import normalise
from tmcheck.engine import Linter, Options
from tmcheck.engine.registry import TABLE, registry
from tmcheck.report import render

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"
BILINGUAL = TESTS / "fixtures" / "bilingual"
RULES = TESTS / "fixtures" / "rules"


def _same(text: str) -> str:
    """Text as the checks read it: typographic apostrophes and no-break spaces as plain ones, line
    breaks as spaces."""
    return " ".join(normalise(text).split())


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts[line - 1] + column - 1


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _pair_cases():
    """(source language, [(source, target)]) of every bilingual case of the rule fixtures."""
    for f in sorted(RULES.glob("TM*.yaml")):
        for case in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]:
            if "pairs" in case:
                yield case["lang"], [(p["source"], p["target"]) for p in case["pairs"]]


def _bilingual_files(folder: Path) -> list[Path]:
    """The fixtures' pairs as TSV and PO files, one of each per source language; the PO file also
    writes each target over two lines (a span across them is no longer the file's text)."""
    by_lang: dict[str, list] = {}
    for lang, pairs in _pair_cases():
        by_lang.setdefault(lang, []).extend(pairs)
    out = []
    for sl, pairs in by_lang.items():
        tl = "en" if sl == "fr" else "fr"
        tsv = folder / f"cases.{sl}-{tl}.tsv"
        tsv.write_text(f"doc_id\t{sl}\t{tl}\n" + "".join(f"d{k}\t{s}\t{t}\n" for k, (s, t) in enumerate(pairs)),
                       encoding="utf-8")
        po = [f'msgid ""\nmsgstr ""\n"Language: {tl}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
        for k, (s, t) in enumerate(pairs):
            if k % 2:  # every other target over two lines, as msgmerge wraps them
                cut = t.find(" ", len(t) // 2) + 1 or len(t)
                po.append(f'msgctxt "d{k}"\nmsgid {_po_string(s)}\nmsgstr ""\n{_po_string(t[:cut])}\n{_po_string(t[cut:])}\n')
            else:
                po.append(f'msgctxt "d{k}"\nmsgid {_po_string(s)}\nmsgstr {_po_string(t)}\n')
        po_file = folder / f"cases.{sl}-{tl}.po"
        po_file.write_text("\n".join(po), encoding="utf-8")
        out += [tsv, po_file]
    return out


def _runs(folder: Path):
    """(what, findings): every golden document alone, each drifted one with its clean source, the
    bilingual fixtures and files, and a Markdown draft with markup inside a flagged acronym."""
    for draft in sorted(GOLDEN.glob("*.md")) + sorted(GOLDEN.glob("*.txt")):
        yield draft.name, Linter(Options()).lint_paths([str(draft)]).findings
    for source, target in (("wg-tip-2016.fr.md", "wg-tip-2016-drift.en.md"),
                           ("wg-tip-2016.en.md", "wg-tip-2016-drift.fr.md"),
                           ("wg-tip-2016.en.md", "wg-tip-2016-drift.fr.txt")):
        yield f"{source} -> {target}", Linter(Options(source=GOLDEN / source)).lint_paths([str(GOLDEN / target)]).findings
    for path in sorted(BILINGUAL.glob("crime.*")) + _bilingual_files(folder):
        result = Linter(Options()).lint_paths([str(path)])
        assert not result.failures, result.failures
        yield path.name, result.findings
    wrapped = folder / "wrapped.fr-en.po"
    wrapped.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
                       'msgid "La réunion se tiendra le 17 octobre 2016 à Vienne."\n'
                       'msgstr ""\n"The meeting will be held on 17 November "\n"2016 in Vienna."\n\n'
                       'msgid "La réunion se tiendra le 18 octobre 2016 à Vienne."\n'
                       'msgstr "The meeting will be held on 18 November 2016 in Vienna."\n', encoding="utf-8")
    result = Linter(Options()).lint_paths([str(wrapped)])
    assert not result.failures, result.failures
    yield wrapped.name, result.findings
    marked = folder / "marked.fr.md"
    marked.write_text("Le rapport de l’**UN**DOC sera présenté le mecredi 17 octobre 2012.\n", encoding="utf-8")
    yield marked.name, Linter(Options(lang="fr")).lint_paths([str(marked)]).findings


@pytest.fixture(scope="module")
def sarif_runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fixes")
    out = []
    for what, findings in _runs(folder):
        log = json.loads(render("sarif", findings, 1, list(registry())))
        out.append((what, findings, log["runs"][0]["results"]))
    return out


def test_every_sarif_fix_replaces_exactly_the_flagged_span(sarif_runs):
    fixed_codes = set()
    for what, findings, results in sarif_runs:
        assert len(results) == len(findings)
        for f, result in zip(findings, results):
            assert result["ruleId"] == f.code
            fixes = result.get("fixes", [])
            if f.fix is None or f.fix.applicability == "display":
                assert not fixes, f"{what}: {f.code} '{f.text}' has a SARIF fix but no safe or unsafe one"
                continue
            assert len(fixes) == 1, f"{what}: {f.code} '{f.text}' has no SARIF fix"
            (change,) = fixes[0]["artifactChanges"]
            (replacement,) = change["replacements"]
            region = replacement["deletedRegion"]
            assert region == result["locations"][0]["physicalLocation"]["region"]
            assert fixes[0]["properties"]["applicability"] == f.fix.applicability
            path = Path(change["artifactLocation"]["uri"])
            text = path.read_text(encoding="utf-8")
            a = _offset(text, region["startLine"], region["startColumn"])
            b = _offset(text, region["endLine"], region["endColumn"])
            assert _same(text[a:b]) == _same(f.text), f"{what}: {f.code} deletes {text[a:b]!r}, flagged {f.text!r}"
            inserted = replacement["insertedContent"]["text"]
            assert inserted == f.suggestion
            fixed = text[:a] + inserted + text[b:]
            assert fixed[:a] == text[:a] and fixed[a + len(inserted):] == text[b:]
            fixed_codes.add(f.code)
    # The test is not vacuous: fixes of every family that has safe or unsafe ones were checked.
    assert fixed_codes >= {"TM101", "TM102", "TM103", "TM104", "TM201", "TM202", "TM205", "TM302", "TM303",
                           "TM304", "TM305", "TM401", "TM402", "TM601"}, fixed_codes


def test_tm206_and_other_display_suggestions_emit_no_fix(sarif_runs):
    display = {row.code for row in TABLE if row.fix == "display"}
    seen = set()
    for what, findings, results in sarif_runs:
        for f, result in zip(findings, results):
            if f.code in display:
                assert "fixes" not in result, (what, f.code)
                if f.fix is not None:
                    assert f.fix.applicability == "display", (what, f.code)
                    seen.add(f.code)
    assert {"TM206", "TM306", "TM403", "TM501"} <= seen, seen


def test_a_span_that_is_not_the_files_text_is_display_only(sarif_runs):
    """Markup inside the flagged acronym (l'**UN**DOC), or a PO target wrapped over two lines inside
    the span: the suggestion stays, as a hint; SARIF offers no fix. A span on one PO line is fixed."""
    runs = {what: (findings, results) for what, findings, results in sarif_runs}
    findings, results = runs["marked.fr.md"]
    acronym = next(f for f in findings if f.code == "TM101")
    assert acronym.suggestion == "ONUDC" and acronym.fix.applicability == "display"
    weekday = next(f for f in findings if f.code == "TM202")
    assert weekday.fix.applicability == "safe"
    findings, results = runs["wrapped.fr-en.po"]
    dates = {f.span.start.line: f for f in findings if f.code == "TM205"}
    assert len(dates) == 2
    across, on_one_line = dates[min(dates)], dates[max(dates)]
    assert across.span.end.line == across.span.start.line + 1 and across.fix.applicability == "display"
    assert on_one_line.suggestion == "18 October 2016" and on_one_line.fix.applicability == "unsafe"


def test_the_json_fix_is_the_suggestion_with_its_span_and_safety():
    findings = Linter(Options()).lint_paths([str(GOLDEN / "wg-tip-2016-drift.fr.md")]).findings
    data = json.loads(render("json", findings, 1))
    by_code = {}
    for f in data["findings"]:
        by_code.setdefault(f["code"], f)
        if f["suggestion"] is None:
            assert f["fix"] is None
            continue
        assert f["fix"]["replacement"] == f["suggestion"]
        assert f["fix"]["span"] == {k: f[k] for k in ("line", "column", "end_line", "end_column")}
    assert by_code["TM202"]["fix"]["applicability"] == "safe"  # Mecredi -> Mercredi
    assert by_code["TM201"]["fix"]["applicability"] == "unsafe"  # the weekday, or the date?
    assert by_code["TM203"]["fix"] is None


def test_a_check_makes_a_fix_less_certain_never_more():
    """TM103 replaces a misspelt acronym with certainty; a real acronym in its place (the source's
    left there, another body's) only when asked: "l'UNDP" is "le PNUD", not "l'PNUD"."""
    from conftest import lint_segments

    pairs = [("Le rapport de l'ONUDC a été publié.", "The report of UNDOC was published."),
             ("Le PNUD a financé l'atelier.", "The UNEP financed the workshop.")]
    found = {f.text: f.fix.applicability for f in lint_segments(pairs, "fr", ["TM103"])}
    assert found == {"UNDOC": "safe", "UNEP": "unsafe"}
    left = [("The meeting was organized with the support of UNDP.", "La réunion a été organisée avec l'appui de l'UNDP.")]
    found = {f.text: f.fix.applicability for f in lint_segments(left, "en", ["TM103"])}
    assert found == {"UNDP": "unsafe"}


def test_rule_docs_say_the_fix_safety():
    from cli_helpers import run_cli

    for code, safety in (("TM202", "safe"), ("TM201", "unsafe"), ("TM206", "display"), ("TM203", "none")):
        out = run_cli("rules", code).stdout
        assert f"Fix safety: {safety} (" in out, out
