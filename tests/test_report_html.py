"""The HTML report: every finding highlighted at its exact place, nothing fetched, nothing injected."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cli_helpers import run_cli
from conftest import ROOT, lint_text
from tmcheck.documents.model import Position, Span
from tmcheck.engine import Linter, Options
from tmcheck.engine.registry import registry
from tmcheck.findings import Finding, Related
from tmcheck.report import render
from tmcheck.report.html import SCRIPT, render_html

lxml_html = pytest.importorskip("lxml.html")

GOLDEN = ROOT / "tests" / "golden"
DRIFT = ["wg-tip-2016-drift.en.md", "wg-tip-2016-drift.fr.md", "wg-tip-2016-drift.fr.txt"]

# Every element and attribute the report itself writes: anything else came from a draft.
TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "span", "fieldset", "legend",
        "label", "input", "section", "h2", "small", "div", "mark", "ol", "ul", "li", "a", "code", "ins", "aside",
        "button", "footer", "script"}
VOID = {"meta", "input"}
ATTRIBUTES = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "hidden", "type", "aria-label",
              "data-kind", "value", "checked", "data-f", "data-sev", "data-fam", "data-dec", "title", "tabindex",
              "href"}


class StrictParser(HTMLParser):
    """Records every tag and attribute, and fails on an end tag that does not close the innermost
    open element: broken nesting that a lenient parser (or a browser) would silently repair."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attributes: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.update(name for name, _ in attrs)
        self.hrefs.extend(value for name, value in attrs if name == "href")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)


def check_structure(out: str) -> StrictParser:
    parser = StrictParser()
    parser.feed(out)
    parser.close()
    assert parser.stack == [], f"unclosed elements: {parser.stack}"
    assert set(parser.tags) <= TAGS, f"unexpected elements: {set(parser.tags) - TAGS}"
    assert parser.attributes <= ATTRIBUTES, f"unexpected attributes: {parser.attributes - ATTRIBUTES}"
    assert parser.tags.count("script") == 1 and parser.scripts == [SCRIPT]
    assert all(h.startswith("#") for h in parser.hrefs), "a link leaves the page"
    return parser


def parse(out: str):
    return lxml_html.document_fromstring(out)


def section_index(doc, path: str) -> int:
    """The index of the file's section (its anchors are F<index>-L<line>)."""
    for section in doc.xpath("//section[@class='file']"):
        if section.xpath("string(h2/text())").strip() == path:
            return int(section.get("id")[1:])
    raise AssertionError(f"no section for {path}")


def marks_of(doc, fid: int) -> list:
    return [m for m in doc.xpath("//mark[@data-f]") if str(fid) in m.get("data-f").split()]


def line_id(mark) -> str:
    return mark.xpath("ancestor::div[@class='l'][1]/@id")[0]


def expected_text(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str:
    """The span's characters, line by line (marks hold no newline): end column exclusive."""
    if line == end_line:
        return lines[line - 1][column - 1:end_column - 1]
    parts = [lines[line - 1][column - 1:]]
    parts += lines[line:end_line - 1]
    parts.append(lines[end_line - 1][:end_column - 1])
    return "".join(parts)


def finding(path, line, column, end_line, end_column, code="TM101", severity="error", message="m", **kw):
    span = Span(str(path), Position(line, column), Position(end_line, end_column))
    return Finding(code=code, rule="acronym-variant", severity=severity, message=message, span=span, **kw)


# --------------------------------------------------------------------------------------------------
# The golden drafts: every finding of the JSON report, highlighted at its line with its exact text


@pytest.fixture(scope="module")
def golden():
    paths = [str((GOLDEN / name).relative_to(ROOT)) for name in DRIFT]
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths as a user gives them on the command line, relative
    try:
        result = Linter(Options()).lint_paths(paths)
        out = render("html", result.findings, result.files, list(registry()))
    finally:
        os.chdir(cwd)
    data = json.loads(render("json", result.findings, result.files))
    return out, data, paths


@pytest.mark.parametrize("name", DRIFT)
def test_every_finding_is_highlighted_at_its_exact_place(golden, name):
    out, data, _ = golden
    doc = parse(out)
    path = str((GOLDEN / name).relative_to(ROOT))
    lines = (ROOT / path).read_text(encoding="utf-8").split("\n")
    index = section_index(doc, path)
    mine = [(i, f) for i, f in enumerate(data["findings"]) if f["path"] == path]
    assert len(mine) >= 4, "the golden draft should have findings"
    for i, f in mine:
        marks = marks_of(doc, i)
        assert marks, f"no highlight for {f['code']} at {f['line']}:{f['column']}"
        places = {f"F{index}-L{n}" for n in range(f["line"], f["end_line"] + 1)}
        assert {line_id(m) for m in marks} <= places
        assert line_id(marks[0]) == f"F{index}-L{f['line']}"
        got = "".join(m.text_content() for m in marks)
        assert got == expected_text(lines, f["line"], f["column"], f["end_line"], f["end_column"]) != ""
        assert f["code"] in marks[0].get("title") and f["message"] in marks[0].get("title")
        assert f"sev-{f['severity']}" in marks[0].get("class") or "multi" in marks[0].get("class")


@pytest.mark.parametrize("name", DRIFT)
def test_every_finding_is_listed_with_message_suggestion_and_related_places(golden, name):
    out, data, _ = golden
    doc = parse(out)
    path = str((GOLDEN / name).relative_to(ROOT))
    index = section_index(doc, path)
    ids = set(doc.xpath("//@id"))
    for i, f in enumerate(data["findings"]):
        if f["path"] != path:
            continue
        (item,) = doc.xpath(f"//li[@id='f{i}']")
        text = item.text_content()
        assert f["code"] in text and f["rule"] in text and f["message"] in text
        assert item.get("data-sev") == f["severity"] and item.get("data-fam") == f["code"][:3]
        assert item.xpath(".//div[@class='head']/a/@href") == [f"#F{index}-L{f['line']}"]
        if f["suggestion"] is not None:
            assert item.xpath("string(.//p[@class='sugg']/ins)") == f["suggestion"]
        links = item.xpath(".//ul[@class='related']/li")
        assert len(links) == len(f["related"])
        for link, r in zip(links, f["related"]):
            assert r["message"] in link.text_content()
            href = link.xpath("a/@href")[0]
            assert href == f"#F{section_index(doc, r['path'])}-L{r['line']}" and href[1:] in ids


def test_golden_report_structure_filters_and_counts(golden):
    out, data, _ = golden
    check_structure(out)
    doc = parse(out)
    families = {f["code"][:3] for f in data["findings"]}
    assert families >= {"TM1", "TM2", "TM3", "TM4"}
    for family in families:
        (box,) = doc.xpath(f"//input[@data-kind='fam'][@value='{family}']")
        count = sum(f["code"].startswith(family) for f in data["findings"])
        assert f"({count})" in box.getparent().text_content()
    for severity in ("error", "warning", "info"):
        assert doc.xpath(f"//input[@data-kind='sev'][@value='{severity}']")
    counts = doc.xpath("string(//p[@class='counts'])")
    s = data["summary"]
    assert f"{s['files']} files checked" in counts and f"{s['errors']} errors" in counts
    assert f"{s['warnings']} warnings" in counts
    assert len(doc.xpath("//li[contains(concat(' ', @class, ' '), ' finding ')]")) == len(data["findings"])


def test_csp_forbids_the_network_and_allows_only_the_report_script(golden):
    out, _, paths = golden
    doc = parse(out)
    (csp,) = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    (script,) = doc.xpath("//script")
    digest = base64.b64encode(hashlib.sha256(script.text.encode("utf-8")).digest()).decode()
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == [f"'sha256-{digest}'"]
    assert directives["style-src"] == ["'unsafe-inline'"]
    assert "'unsafe-eval'" not in csp and "http" not in csp
    # Nothing to fetch: no link, img or iframe element, no src attribute, no url() or @import in CSS.
    assert not doc.xpath("//link | //img | //iframe | //object | //embed | //@src")
    style = doc.xpath("string(//style)")
    assert "url(" not in style and "@import" not in style
    # An http(s) URL may appear only as a draft's own (escaped) text.
    in_drafts = sum(len(re.findall(r"https?://", (ROOT / p).read_text(encoding="utf-8"))) for p in paths)
    assert len(re.findall(r"https?://", out)) == in_drafts


# --------------------------------------------------------------------------------------------------
# Hostile drafts: markup in a draft, a message, a suggestion or a path is shown as text

HOSTILE = [
    "Le rapport <script>alert(1)</script> de l'UNDOC.",
    "Voir <img src=x onerror=alert(1)> et https://evil.example/x.js",
    "&amp; \"double\" 'single' </textarea> <!-- comment --> ]]>",
]


def hostile_findings(path: Path) -> list[Finding]:
    a = HOSTILE[0].index("<script>") + 1
    b = HOSTILE[1].index("<img") + 1
    c = HOSTILE[2].index("</textarea>") + 1
    return [
        finding(path, 1, a, 1, a + len("<script>alert(1)</script>"), message='<b>bold</b> "q" & </textarea>',
                suggestion="<script>alert(2)</script>", segment="<i>seg</i>",
                related=[Related(Span(str(path), Position(2, b), Position(2, b + 5)), "<img src=y onerror=alert(3)>")]),
        finding(path, 2, b, 2, b + len("<img src=x onerror=alert(1)>"), code="TM6<x>", severity="warning",
                message="javascript:alert(4)"),
        finding(path, 3, 1, 3, c + len("</textarea>"), code="TM402", severity="info", message="'\"&lt;"),
    ]


def test_hostile_draft_message_suggestion_and_path_are_text(tmp_path):
    path = tmp_path / 'x"<b>&amp;<script>.md'
    path.write_text("\n".join(HOSTILE) + "\n", encoding="utf-8")
    out = render_html(hostile_findings(path), 1)
    check_structure(out)  # one script (ours), no element or attribute but the report's own
    assert out.count("<script") == 1 and "<img" not in out and "</textarea" not in out and "<b>" not in out
    doc = parse(out)
    text = doc.text_content()
    for line in HOSTILE:
        assert line in text
    assert "<script>alert(1)</script>" in text and "&amp;" in text
    assert '<b>bold</b> "q" & </textarea>' in text and "<script>alert(2)</script>" in text
    assert "<img src=y onerror=alert(3)>" in text and "<i>seg</i>" in text
    assert doc.xpath("string(//h2)").startswith(str(path))
    assert [m.text_content() for m in doc.xpath("//mark")] == [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", HOSTILE[2][:HOSTILE[2].index(" <!--")]]
    assert len(re.findall(r"https?://", out)) == 1  # the draft's own, as text
    # Attribute values carry quotes escaped: the title of the third mark is whole.
    assert doc.xpath("//mark")[2].get("title") == "TM402 acronym-variant (info): '\"&lt;"


def test_hostile_draft_through_the_linter(tmp_path):
    path = tmp_path / "ordre-du-jour.fr.md"
    path.write_text("# Ordre du jour\n\nLe rapport </textarea><script>alert(1)</script> de l'UNDOC sera "
                    "présenté le mardi 17 octobre 2016 <img src=x onerror=alert(1)>.\n", encoding="utf-8")
    result = Linter(Options(lang="fr")).lint_paths([str(path)])
    codes = {f.code for f in result.findings}
    assert {"TM101", "TM201"} <= codes
    out = render("html", result.findings, result.files, list(registry()))
    check_structure(out)
    doc = parse(out)
    assert "</textarea><script>alert(1)</script>" in doc.text_content()
    assert sorted(m.text_content() for m in doc.xpath("//mark")) == ["UNDOC", "mardi"]


def test_bilingual_file_shows_its_raw_lines(tmp_path):
    po = tmp_path / "t.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr-FR\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "The report of UNODC <script>x</script> will be presented on Monday, 17 October 2016."\n'
                  "msgstr \"Le rapport de l'UNDOC <script>x</script> sera présenté le mardi 17 octobre 2016.\"\n",
                  encoding="utf-8")
    result = Linter(Options()).lint_paths([str(po)])
    assert result.findings
    out = render("html", result.findings, result.files)
    check_structure(out)
    doc = parse(out)
    lines = po.read_text(encoding="utf-8").split("\n")
    for i, f in enumerate(result.findings):
        s, e = f.span.start, f.span.end
        assert "".join(m.text_content() for m in marks_of(doc, i)) == expected_text(lines, s.line, s.column, e.line, e.column)
    assert {m.text_content() for m in doc.xpath("//mark")} >= {"UNDOC", "mardi"}


# --------------------------------------------------------------------------------------------------
# Overlapping, crossing, empty and out-of-range spans

LINES = ["abcdefghijklmnopqrstuvwxyz0123456789", "ABCDEFGHIJ", "Réunion 😀 e\u0301 de l'UNDOC ici", ""]


def test_overlapping_spans_nest_correctly(tmp_path):
    path = tmp_path / "overlap.txt"
    path.write_text("\n".join(LINES), encoding="utf-8")
    col = LINES[2].index("UNDOC") + 1  # in characters: the emoji and the combining accent count one each
    found = [
        finding(path, 1, 3, 1, 12, severity="info"),  # 0: cdefghijk
        finding(path, 1, 6, 1, 20, severity="warning"),  # 1: crosses 0
        finding(path, 1, 6, 1, 9, severity="error"),  # 2: inside 0 and 1
        finding(path, 1, 15, 1, 15),  # 3: empty: a caret, no text
        finding(path, 1, 30, 2, 5, severity="warning"),  # 4: over the line break
        finding(path, 1, 3, 1, 12, code="TM401"),  # 5: same span as 0
        finding(path, 2, 1, 2, 11, severity="info"),  # 6: to the end of the line exactly
        finding(path, 2, 8, 2, 99, severity="info"),  # 7: past the end: clamped
        finding(path, 3, col, 3, col + 5),  # 8: after non-ASCII characters
        finding(path, 9, 1, 9, 4),  # 9: past the end of the file: listed, not marked
    ]
    out = render_html(found, 1)
    check_structure(out)
    doc = parse(out)
    expected = {0: "cdefghijk", 1: "fghijklmnopqrs", 2: "fgh", 3: "", 4: "3456789ABCD", 5: "cdefghijk",
                6: "ABCDEFGHIJ", 7: "HIJ", 8: "UNDOC"}
    for fid, text in expected.items():
        assert "".join(m.text_content() for m in marks_of(doc, fid)) == text, fid
    assert not marks_of(doc, 9) and doc.xpath("//li[@id='f9']")
    # Each piece shows the worst severity among the findings covering it.
    (fgh,) = [m for m in doc.xpath("//mark") if m.text_content() == "fgh"]
    assert set(fgh.get("data-f").split()) == {"0", "1", "2", "5"} and "sev-error" in fgh.get("class")
    assert "multi" in fgh.get("class")
    (caret,) = marks_of(doc, 3)
    assert "zw" in caret.get("class")
    # The text of each line is intact around the marks.
    for n, line in enumerate(LINES, start=1):
        assert doc.xpath(f"string(//div[@id='F0-L{n}']/span[@class='t'])") == line


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_drafts_highlight_like_lf(tmp_path, newline):
    path = tmp_path / "crlf.fr.txt"
    text = "Le rapport de l'UNDOC sera présenté.\n\nLa session s'ouvrira le mardi 17 octobre 2016.\n"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    result = Linter(Options(lang="fr")).lint_paths([str(path)])
    out = render("html", result.findings, result.files)
    check_structure(out)
    doc = parse(out)
    assert sorted((line_id(m), m.text_content()) for m in doc.xpath("//mark")) == [("F0-L1", "UNDOC"), ("F0-L3", "mardi")]
    assert "\r" not in out


def test_lines_are_split_on_newline_only(tmp_path):
    # Form feeds (PDF page breaks), U+2028 and file separators are not line ends for the linter:
    # they must not be for the report either, or every highlight after them would move.
    path = tmp_path / "pages.fr.txt"
    path.write_text("Première page.\x0c\n\nLe rapport\u2028 de l'UNDOC\x1c sera présenté le mardi 17 octobre 2016.\n",
                    encoding="utf-8")
    result = Linter(Options(lang="fr")).lint_paths([str(path)])
    out = render("html", result.findings, result.files)
    check_structure(out)
    doc = parse(out)
    assert sorted((line_id(m), m.text_content()) for m in doc.xpath("//mark")) == [("F0-L3", "UNDOC"), ("F0-L3", "mardi")]
    # Control characters are shown one for one as their pictures; the columns still match.
    assert doc.xpath("string(//div[@id='F0-L1']/span[@class='t'])") == "Première page.\u240c"
    assert "\x0c" not in out and "\x1c" not in out


def test_docx_lines_are_its_paragraphs(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Ordre du jour")
    document.add_paragraph("Le rapport de l'UNDOC sera présenté le mardi 17 octobre 2016.")
    path = tmp_path / "draft.fr.docx"
    document.save(path)
    result = Linter(Options(lang="fr")).lint_paths([str(path)])
    doc = parse(render("html", result.findings, result.files))
    assert {(line_id(m), m.text_content()) for m in doc.xpath("//mark")} == {("F0-L2", "UNDOC"), ("F0-L2", "mardi")}


def test_findings_without_their_text_are_still_listed(tmp_path):
    found = lint_text("La session s'ouvrira le mardi 17 octobre 2016 à l'UNDOC.\n", "fr",
                      path=str(tmp_path / "gone.txt"))
    assert found
    out = render("html", found, 1)
    check_structure(out)
    doc = parse(out)
    assert doc.xpath("//p[@class='missing']") and not doc.xpath("//mark")
    assert len(doc.xpath("//li[@data-f]")) == len(found)


def test_no_findings():
    out = render("html", [], 2)
    check_structure(out)
    assert "No findings." in out and "2 files checked" in out


# --------------------------------------------------------------------------------------------------
# Speed and the command line


def test_a_1mb_draft_with_thousands_of_findings_renders_whole(tmp_path):
    """Every finding of a 1 MB draft is highlighted (speed is measured in bench/, not here)."""
    source = GOLDEN / "wg-tip-2016-drift.en.md"
    text = source.read_text(encoding="utf-8")
    copies = 1_000_000 // len(text.encode("utf-8")) + 1
    big = tmp_path / "big.en.md"
    big.write_text(text * copies, encoding="utf-8")
    base = Linter(Options(lang="en")).lint_paths([str(source)]).findings
    step = text.count("\n")

    def moved(span: Span, k: int) -> Span:
        return Span(str(big), Position(span.start.line + k * step, span.start.column),
                    Position(span.end.line + k * step, span.end.column))

    def copied(f, k: int):
        g = copy.copy(f)
        g.span = moved(f.span, k)
        g.related = [Related(moved(r.span, k), r.message) for r in f.related]
        return g

    found = [copied(f, k) for k in range(copies) for f in base]
    assert len(found) > 1000 and big.stat().st_size >= 1_000_000
    out = render("html", found, 1, list(registry()))
    assert out.count("<mark ") >= len(found)


def test_cli_writes_the_html_report(tmp_path):
    draft = tmp_path / "draft.fr.md"
    draft.write_text((GOLDEN / "wg-tip-2016-drift.fr.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "report.html"
    r = run_cli("lint", "--format", "html", "-o", str(out), str(draft), cwd=tmp_path)
    assert r.returncode == 1, r.stderr  # findings
    html = out.read_text(encoding="utf-8")
    check_structure(html)
    data = json.loads(run_cli("lint", "--format", "json", str(draft), cwd=tmp_path).stdout)
    doc = parse(html)
    lines = draft.read_text(encoding="utf-8").split("\n")
    for i, f in enumerate(data["findings"]):
        got = "".join(m.text_content() for m in marks_of(doc, i))
        assert got == expected_text(lines, f["line"], f["column"], f["end_line"], f["end_column"])
