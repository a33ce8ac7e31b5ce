"""Build wg-firearms-2018.en.docx from wg-firearms-2018.en.md (run by hand: python tests/corpus/build_docx.py).

The .docx carries the same text as the Markdown file, as Word has it: heading styles for the
headings, bold runs for the body names and "Documentation", one paragraph per line of text, and the
programme of the annex as a real Word table (date, time, item, title). Its facts file is the one of
the Markdown file (wg-firearms-2018.en.facts.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document

HERE = Path(__file__).parent


def build(src: Path, dst: Path) -> None:
    doc = Document()
    lines = src.read_text(encoding="utf-8").splitlines()
    table_rows: list[list[str]] = []
    in_annex_table = False
    for line in lines:
        if not line.strip():
            continue
        if "\t" in line:
            in_annex_table = True
            table_rows.append(line.split("\t"))
            continue
        if in_annex_table:
            raise ValueError("text after the programme table is not expected")
        m = re.match(r"^(#+) (.*)$", line)
        if m:
            doc.add_heading(m.group(2), level=min(len(m.group(1)), 4))
            continue
        p = doc.add_paragraph()
        for i, part in enumerate(re.split(r"\*\*", line)):
            if part:
                p.add_run(part).bold = i % 2 == 1
    width = max(len(r) for r in table_rows)
    header, body = table_rows[0], table_rows[1:]
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    # The header has three cells (date and time span two columns in the Word table).
    cells = table.add_row().cells
    cells[0].merge(cells[1]).text = header[0]
    for j, text in enumerate(header[1:], start=2):
        cells[j].text = text
    for row in body:
        cells = table.add_row().cells
        for j, text in enumerate(row + [""] * (width - len(row))):
            cells[j].text = text
    doc.save(dst)


if __name__ == "__main__":
    build(HERE / "wg-firearms-2018.en.md", HERE / "wg-firearms-2018.en.docx")
