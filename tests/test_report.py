"""Reporters: SARIF validates against the OASIS 2.1.0 schema; JSON and text carry every field."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED, lint_text
from tmcheck.engine.registry import registry
from tmcheck.report import render

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

TEXT = """\
1. Ouverture de la session.
2. Adoption de l'ordre du jour et organisation des travaux.

Annotations

2. Adoption de l'ordre du jour et organisation du travail

La session s'ouvrira le mardi 17 octobre 2016 au siège de l'UNDOC (CTOC/COP/WG2/2016/1).
"""


@pytest.fixture(scope="module")
def findings():
    found = lint_text(TEXT, "fr")
    assert {f.code for f in found} >= {"TM101", "TM201", "TM303", "TM304"}
    return found


def test_sarif_validates_against_the_schema(findings):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("../shared/schemas not present")
    log = json.loads(render("sarif", findings, 1, list(registry())))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    assert {r["ruleId"] for r in run["results"]} >= {"TM101", "TM201", "TM303", "TM304"}
    tm303 = next(r for r in run["results"] if r["ruleId"] == "TM303")
    assert tm303["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2
    tm201 = next(r for r in run["results"] if r["ruleId"] == "TM201")
    assert tm201["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "lundi"


def test_sarif_schema_rejects_a_broken_log(findings):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("../shared/schemas not present")
    log = json.loads(render("sarif", findings, 1, list(registry())))
    log["runs"][0]["results"][0]["level"] = "fatal"  # not a SARIF level
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)


def test_json_and_text_agree(findings):
    data = json.loads(render("json", findings, 1))
    text = render("text", findings, 1).splitlines()
    assert len(data["findings"]) == len(findings)
    for f in data["findings"]:
        head = f"{f['path']}:{f['line']}:{f['column']}: {f['code']} [{f['severity']}] {f['message']}"
        assert head in text
        if f["suggestion"] is not None:
            assert f"    suggestion: {f['suggestion']}" in text[text.index(head) + 1:text.index(head) + 3]
    assert text[-1] == "1 file checked: {errors} error(s), {warnings} warning(s), {infos} info".format(**data["summary"])


def test_fingerprints_survive_inserted_lines_and_reflow():
    before = {(f.code, f.fingerprint) for f in lint_text(TEXT, "fr")}
    moved = "Note liminaire.\n\n" * 5 + TEXT.replace("le mardi 17 octobre 2016 au siège", "le mardi 17 octobre\n2016 au siège")
    after = {(f.code, f.fingerprint) for f in lint_text(moved, "fr")}
    assert before == after


def test_github_annotations_one_per_finding(findings):
    lines = render("github", findings, 1).splitlines()
    annotations = [l for l in lines if l.startswith("::")]
    assert len(annotations) == len(findings)
    tm201 = next(l for l in annotations if "title=TM201 weekday-mismatch" in l)
    f = next(f for f in findings if f.code == "TM201")
    assert tm201.startswith(f"::error file=draft.txt,line={f.span.start.line},endLine={f.span.end.line},"
                            f"col={f.span.start.column},endColumn={f.span.end.column},title=TM201 weekday-mismatch::")
    assert tm201.endswith("%0Asuggestion: lundi")
    levels = {f.severity: next(l for l in annotations if f"title={f.code} " in l).split(" ", 1)[0] for f in findings}
    assert levels.get("error", "::error") == "::error" and levels.get("warning", "::warning") == "::warning"
    assert lines[-1].startswith("1 file checked: ")


def test_github_escapes_data_and_properties():
    """GitHub's rules: in the message %, CR and LF are escaped; in a property also ':' and ','."""
    from tmcheck.documents.model import Position, Span
    from tmcheck.findings import Finding

    span = Span("rapports/A,B: 100%.fr.md", Position(3, 5), Position(4, 2))
    f = Finding("TM402", "house-style", "info", "écrire « 100 % »,\r\nnon « 100% »", span, text="100%")
    f.fingerprint = "x"
    line = render("github", [f], 1).splitlines()[0]
    assert line == ("::notice file=rapports/A%2CB%3A 100%25.fr.md,line=3,endLine=4,col=5,title=TM402 house-style"
                    "::écrire « 100 %25 »,%0D%0Anon « 100%25 »")
