"""The corpus of reconstructed UN agendas (tests/corpus): its facts files parse, every file its README
lists exists, and every weekday written next to a date in it matches the date (the corpus must stay
clean: it measures recall on slips put into it and false positives on it as it is)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from tmcheck.lang.dates import find_dates

CORPUS = Path(__file__).parent / "corpus"
TEXT_SUFFIXES = (".md", ".txt", ".docx")
FACTS = sorted(CORPUS.glob("*.facts.yaml"))
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.name.endswith(TEXT_SUFFIXES) and p.name != "README.md")


def _iso(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def test_corpus_has_documents_in_both_languages():
    langs: dict[str, set[str]] = {}
    for path in DOCUMENTS:
        stem, lang = path.name.split(".")[:2]
        langs.setdefault(stem, set()).add(lang)
    assert len(langs) >= 5
    assert all(found == {"en", "fr"} for found in langs.values()), langs


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.name)
def test_facts_file_parses(path):
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (CORPUS / facts["file"]).is_file()
    if facts.get("also"):
        assert (CORPUS / facts["also"]).is_file()
    assert facts["language"] in ("en", "fr")
    for meeting in facts["meetings"]:
        assert meeting["body"]
        assert meeting["ordinal"] is None or isinstance(meeting["ordinal"], int)
        days = [_iso(d) for d in meeting["dates"] or []]
        assert days == sorted(days)
        assert isinstance(meeting["mentions"], int) and meeting["mentions"] >= 1
    for document in facts["documents"]:
        assert document["symbols"] and all("/" in s for s in document["symbols"])
        assert isinstance(document["cited"], int) and document["cited"] >= 1
    for item in facts["items"]:
        assert re.fullmatch(r"\d+( \(?[a-z]\))?", item["number"]), item["number"]
        assert item["title"] and isinstance(item["places"], int)
    for day in facts["deadlines"] + facts.get("other_dates", []):
        _iso(day)


def test_every_document_has_its_facts():
    described = set()
    for path in FACTS:
        facts = yaml.safe_load(path.read_text(encoding="utf-8"))
        described |= {facts["file"], facts.get("also")}
    assert {p.name for p in DOCUMENTS} <= described


def test_every_file_listed_in_the_readme_exists():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`([\w.-]+\.(?:md|txt|docx|yaml))`", readme))
    assert {p.name for p in DOCUMENTS} <= listed
    missing = sorted(name for name in listed if not (CORPUS / name).exists())
    assert not missing, missing


def _paragraphs(path: Path) -> list[str]:
    """The document's text as find_dates expects it: paragraphs, table rows as tab-separated cells.
    In text extracted from a PDF a line break inside a sentence is only a space."""
    if path.suffix == ".docx":
        from docx import Document

        doc = Document(str(path))
        rows = ["\t".join(cell.text for cell in row.cells) for table in doc.tables for row in table.rows]
        return [p.text for p in doc.paragraphs] + rows
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".txt":
        return [block.replace("\n", " ") for block in re.split(r"\n\s*\n", text)]
    return text.splitlines()


def _document_year(path: Path) -> int:
    """The year of the session, for a date written without its year (the programme's rows):
    the year of the document's symbol (CTOC/COP/2012/1, E/CN.7/2017/1)."""
    stem = path.name.split(".")[0]
    return int(re.search(r"(\d{4})", stem).group(1))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_weekdays_match_their_dates(path):
    lang = path.name.split(".")[1]
    year = _document_year(path)
    checked, wrong = 0, []
    for paragraph in _paragraphs(path):
        for mention in find_dates(paragraph, lang):
            for day in mention.days:
                if day.weekday is None:
                    continue
                date = day.as_date(year)
                assert date is not None, paragraph[mention.span[0]:mention.span[1]]
                checked += 1
                if date.weekday() != day.weekday:
                    wrong.append(f"{paragraph[mention.span[0]:mention.span[1]]!r}: {date:%A}")
    assert checked >= 5, f"only {checked} weekdays found in {path.name}"
    assert not wrong, wrong


def _text_of(stem: str, lang: str) -> Path:
    """The corpus's text of a document in one language (Markdown or PDF-extracted text; not the
    .docx, which copies the Markdown)."""
    return next(p for p in DOCUMENTS if p.name.startswith(f"{stem}.{lang}.") and p.suffix != ".docx")


def _lint_with_source(source: Path, target: Path):
    from tmcheck.engine import Linter, Options

    result = Linter(Options(source=str(source))).lint_paths([str(target)])
    assert not result.failures
    return [f for f in result.findings if f.severity in ("error", "warning")]


STEMS = sorted({p.name.split(".")[0] for p in DOCUMENTS})


@pytest.mark.parametrize("source_lang", ["fr", "en"])
@pytest.mark.parametrize("stem", STEMS)
def test_a_document_and_its_translation_raise_no_error_or_warning(stem, source_lang):
    # Each language's text of a real document, as `tmcheck lint --source` aligns them: a precision
    # test on real text, the PDF's page furniture and wrapped table cells included.
    target_lang = "en" if source_lang == "fr" else "fr"
    found = _lint_with_source(_text_of(stem, source_lang), _text_of(stem, target_lang))
    assert [(f.code, f.span.start.line, f.message) for f in found] == []


def test_a_title_wrapped_in_a_table_cell_is_the_title_and_a_wrong_one_is_still_reported(tmp_path):
    # cosp-uncac-2015.en.txt is PDF text: its programme table wraps "Implementation Review" /
    # "Group (resumed sixth" / "session)" over lines, read as two paragraphs; the source's cell is
    # one line. The title written across the wrap is the title; another title across it is not.
    text = _text_of("cosp-uncac-2015", "en").read_text(encoding="utf-8")
    wrapped = "Implementation Review\nGroup (resumed"
    assert text.count(wrapped) >= 3
    draft = tmp_path / "cosp-uncac-2015.en.txt"
    draft.write_text(text.replace(wrapped, "Implementation Monitoring\nGroup (resumed"), encoding="utf-8")
    found = _lint_with_source(_text_of("cosp-uncac-2015", "fr"), draft)
    assert {f.code for f in found} == {"TM403"} and len(found) >= 3
    assert all(f.suggestion == "Implementation Review Group" for f in found)
