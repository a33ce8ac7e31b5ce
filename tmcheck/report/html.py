"""A self-contained HTML report for editors: the drafts' text with every finding highlighted in place.

One file, nothing fetched: CSS and a small script are inline, and a Content-Security-Policy forbids
any network access (the script is allowed by its hash, so text that escaped into markup could not
run). Every string that comes from a draft, a finding or a path is escaped, because drafts are
pasted from e-mails and web pages and may contain markup of their own.

Positions are those of the findings: lines are the draft's lines split on "\\n" only (as
``Document.line_starts`` counts them), columns are 1-based Unicode characters, and a span's end
column is exclusive (as in the JSON and SARIF reports).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from .. import __version__
from ..documents.formats import BILINGUAL_SUFFIXES, decode, read_bilingual, read_document
from ..errors import InputError
from ..findings import SEVERITIES, SEVERITY_RANK, Finding
from ..i18n import _, language, ngettext
from ..named_tuples import NamedTuple
from .formats import decision_name, summary

# Most severe first: the order of counts and filters.
_SEVERITY_ORDER = tuple(reversed(SEVERITIES))
_FAMILY_ORDER = ("TM1", "TM2", "TM3", "TM4", "TM5", "TM6", "TM0")


# Control characters (a PDF extraction's form feeds, a stray carriage return) are shown as their
# Unicode control pictures, one for one so that columns still match: a raw CR would become a line
# break in HTML, and most others are invisible or invalid in an HTML document.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PICTURES = {**{c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}, 0x7F: 0x2421}


def esc(text: str) -> str:
    if _CONTROL.search(text):
        text = text.translate(_PICTURES)
    return html.escape(text, quote=True)


def _families() -> dict[str, str]:
    # The one list of families: the rule table's.
    from ..engine.registry import FAMILIES

    return {prefix: description for prefix, (description, _) in FAMILIES.items()}


# --------------------------------------------------------------------------------------------------
# Reading the drafts back


def read_source(path: str) -> str:
    """The text a finding's positions refer to, read as the linter read it."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        return read_document(p).source  # one Word paragraph per line, as the findings count them
    if suffix in BILINGUAL_SUFFIXES:
        try:
            return read_bilingual(p).text  # the decoded file the segment positions refer to
        except InputError:
            pass  # e.g. languages only the command line could name: show the raw text anyway
        text, _ = decode(p.read_bytes(), path)
        return text
    # read_text's own decoding and newline normalisation, without building paragraphs (which costs
    # a second on a 1 MB draft, and the report needs only the lines).
    text, _ = decode(p.read_bytes(), path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _load_lines(path: str) -> tuple[list[str] | None, str]:
    """The draft's lines, or None and why (findings of an in-memory text, a file moved since)."""
    try:
        return read_source(path).split("\n"), ""
    except Exception as exc:  # noqa: BLE001 - a report of findings must not fail for want of the text
        return None, str(exc) or type(exc).__name__


# --------------------------------------------------------------------------------------------------
# Highlights: spans cut into per-line pieces, overlapping pieces flattened


def line_segments(items: list[tuple[int, Finding]], lines: list[str]) -> dict[int, list[tuple[int, int, int]]]:
    """For each line number, the (start, end, finding id) pieces on it: 0-based, end exclusive,
    clamped to the line. A span over several lines gives one piece per line; an empty span keeps
    one empty piece, so that the place is still marked."""
    by_line: dict[int, list[tuple[int, int, int]]] = {}
    count = len(lines)
    for fid, f in items:
        start, end = f.span.start, f.span.end
        if not 1 <= start.line <= count:
            continue  # the file changed since it was checked: the list still has the finding
        last = min(max(end.line, start.line), count)
        for number in range(start.line, last + 1):
            length = len(lines[number - 1])
            a = start.column - 1 if number == start.line else 0
            b = end.column - 1 if number == end.line else length
            a = min(max(a, 0), length)
            b = min(max(b, a), length)
            if b > a or number == start.line:
                by_line.setdefault(number, []).append((a, b, fid))
    return by_line


def line_html(text: str, segments: list[tuple[int, int, int]], marks) -> str:
    """The line with its pieces wrapped by ``marks.mark(finding ids, piece, zero_width)`` (a <mark>
    here, a link in the web review). Overlapping spans are cut at every boundary so that each
    elementary piece is one element naming all the findings covering it: elements never cross,
    whatever the spans do. One sweep over the boundaries, spans entering and leaving as it goes
    (thousands of findings on one line cost thousands of steps, not their square)."""
    cuts = sorted({0, len(text)}.union(*((a, b) for a, b, _ in segments)))
    empty: dict[int, list[int]] = {}
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for k, (a, b, fid) in enumerate(segments):
        if a == b:
            empty.setdefault(a, []).append(fid)
        else:
            opening.setdefault(a, []).append(k)
            closing.setdefault(b, []).append(k)
    active: set[int] = set()  # the segments covering the piece that starts here, by index
    out = []
    for p, q in zip(cuts, cuts[1:] + [None]):
        active.difference_update(closing.get(p, ()))
        active.update(opening.get(p, ()))
        if p in empty:
            out.append(marks.mark(empty[p], "", zero_width=True))
        if q is None:
            break
        piece = text[p:q]
        if active:
            # In the segments' order, as the findings were listed.
            out.append(marks.mark([segments[k][2] for k in sorted(active)], piece))
        else:
            out.append(esc(piece))
    return "".join(out)


class _Marks:
    """Builds <mark> elements; a finding's tooltip is escaped once however many pieces it has."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        self._titles: dict[int, str] = {}

    def title(self, fid: int) -> str:
        if fid not in self._titles:
            f = self.findings[fid]
            self._titles[fid] = esc(f"{f.code} {f.shown_rule} ({f.severity}): {f.message}")
        return self._titles[fid]

    def mark(self, fids: list[int], piece: str, zero_width: bool = False) -> str:
        worst = max((self.findings[i].severity for i in fids), key=SEVERITY_RANK.__getitem__)
        classes = f"sev-{worst}" + (" multi" if len(fids) > 1 else "") + (" zw" if zero_width else "")
        title = "&#10;".join(self.title(i) for i in fids)
        ids = " ".join(map(str, fids))
        return f'<mark class="{classes}" data-f="{ids}" title="{title}" tabindex="0">{esc(piece)}</mark>'


# --------------------------------------------------------------------------------------------------
# The page


def render_html(findings: list[Finding], files: int, rules=(), hidden: int = 0, failures=()) -> str:
    """The report, the drafts' text read from disk; ``rules`` adds each rule's one-line summary;
    ``hidden`` counts dismissed findings left out."""
    summaries = {r.code: r.doc.summary for r in rules}
    paths = _paths(findings)
    anchors = {path: i for i, path in enumerate(paths)}
    by_path: dict[str, list[tuple[int, Finding]]] = {path: [] for path in paths}
    for fid, f in enumerate(findings):
        by_path[f.span.path].append((fid, f))
    marks = _Marks(findings)
    body = [_header(findings, files, hidden)]
    if failures:
        items = "".join(f"<li>{esc(failure.message)}</li>" for failure in failures)
        title = esc(_("Not checked"))
        body.append(f'<section class="failed"><h2>{title}</h2><ul>{items}</ul></section>')
    for path in paths:
        items = sorted(by_path[path], key=lambda item: item[1].sort_key())
        body.append(_file_section(path, anchors, items, marks, summaries))
    if not findings:
        body.append('<p class="clean">' + esc(_("No findings.")) + '</p>')
    close = esc(_("Close"))
    body.append(f'<aside id="detail" hidden><button type="button" id="detail-close" aria-label="{close}">'
                '\u00d7</button><div id="detail-body"></div></aside>')
    return _page("".join(body), files)


def _paths(findings: list[Finding]) -> list[str]:
    """The files to show: those with findings, then those only related places point into (the
    source document of a pair), each once, in order of appearance."""
    seen: dict[str, None] = {}
    for f in findings:
        seen.setdefault(f.span.path)
    for f in findings:
        for r in f.related:
            seen.setdefault(r.span.path)
    return list(seen)


class _Tally(NamedTuple):
    by_severity: dict[str, int]
    by_family: list[tuple[str, str, int]]  # (prefix, "TM2 dates", count), in the families' order
    dismissed: int


def _tally(findings: list[Finding]) -> _Tally:
    """What the listed findings count by severity and family (the filters act on exactly these)."""
    names = _families()
    by_severity = {sev: 0 for sev in _SEVERITY_ORDER}
    by_family: dict[str, int] = {}
    dismissed = 0
    for f in findings:
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
        by_family[f.code[:3]] = by_family.get(f.code[:3], 0) + 1
        dismissed += f.decision == "dismissed"
    order = [fam for fam in _FAMILY_ORDER if fam in by_family] + sorted(set(by_family) - set(_FAMILY_ORDER))
    families = [(fam, f"{fam} {names[fam]}" if fam in names else fam, by_family[fam]) for fam in order]
    return _Tally(by_severity, families, dismissed)


def _header(findings: list[Finding], files: int, hidden: int) -> str:
    s = summary(findings, files, hidden)  # the same counts as the text and JSON reports
    tally = _tally(findings)
    plural = "" if s["files"] == 1 else "s"
    counts = [f'<span class="count sev-{sev}">{s[sev + "s"]} {sev}{"" if s[sev + "s"] == 1 else "s"}</span>'
              for sev in _SEVERITY_ORDER]
    if s.get("dismissed"):
        counts.append(f'<span class="count">{s["dismissed"]} dismissed</span>')
    # Counts by family stay visible in print and without the script, unlike the filters.
    families = " \u00b7 ".join(f"{esc(label)}: {n}" for _, label, n in tally.by_family)
    return (f'<header><h1>tmcheck report</h1><p class="counts">{s["files"]} file{plural} checked: '
            f'{", ".join(counts)}</p><p class="families">{families}</p>{_filters(tally)}</header>')


def _filters(tally: _Tally) -> str:
    """Checkboxes by severity and by family (those present); the script applies them. Hidden until
    the script runs: without it they would do nothing."""
    boxes = ['<span class="group">' + esc(_("Severity:")) + '</span>']
    boxes += [_checkbox("sev", sev, f"{sev} ({n})", f"sev-{sev}") for sev, n in tally.by_severity.items()]
    boxes.append('<span class="group">' + esc(_("Family:")) + '</span>')
    boxes += [_checkbox("fam", fam, f"{label} ({n})", "") for fam, label, n in tally.by_family]
    if tally.dismissed:
        boxes.append(_checkbox("dec", "dismissed", f"{decision_name('dismissed')} ({tally.dismissed})", ""))
    return '<fieldset id="filters" hidden><legend>' + esc(_("Show")) + f'</legend>{"".join(boxes)}</fieldset>'


def _checkbox(kind: str, value: str, label: str, cls: str) -> str:
    return (f'<label class="{cls}"><input type="checkbox" data-kind="{kind}" value="{esc(value)}" checked> '
            f'{esc(label)}</label>')


def _file_section(path: str, anchors: dict[str, int], items: list[tuple[int, Finding]], marks: _Marks,
                  summaries: dict[str, str]) -> str:
    index = anchors[path]
    lines, why = _load_lines(path)
    if lines is None:
        text = '<p class="missing">' + esc(_("Text not available ({why}); the findings are listed here.").format(why=why)) + '</p>'
    else:
        text = _source_html(index, lines, line_segments(items, lines), marks)
    listing = "".join(_finding_item(fid, f, anchors, lines, summaries) for fid, f in items)
    count = esc(ngettext("{n} finding", "{n} findings", len(items)).format(n=len(items)))
    return (f'<section class="file" id="F{index}"><h2>{esc(path)} <small>{count}</small></h2>'
            f'{text}<ol class="findings">{listing}</ol></section>')


def _source_html(index: int, lines: list[str], segments: dict[int, list[tuple[int, int, int]]],
                 marks: _Marks) -> str:
    # One string per line, joined once: a 1 MB draft has tens of thousands of lines.
    out = ['<div class="src">']
    append = out.append
    for number, line in enumerate(lines, start=1):
        line = line.removesuffix("\r")  # CRLF in a bilingual file: the CR is past every column anyway
        pieces = segments.get(number)
        text = line_html(line, pieces, marks) if pieces else esc(line)
        append(f'<div class="l" id="F{index}-L{number}"><span class="n">{number}</span>'
               f'<span class="t">{text}</span></div>')
    append("</div>")
    return "".join(out)


def _place(path: str, line: int, column: int, anchors: dict[str, int], label: str | None = None) -> str:
    """A link to a line's anchor when that file is in the report, else the place as text."""
    text = esc(label if label is not None else f"{path}:{line}:{column}")
    if path in anchors:
        return f'<a href="#F{anchors[path]}-L{line}">{text}</a>'
    return text


def _finding_item(fid: int, f: Finding, anchors: dict[str, int], lines: list[str] | None,
                  summaries: dict[str, str]) -> str:
    start, end = f.span.start, f.span.end
    decision = f.decision
    where = _place(f.span.path, start.line, start.column, anchors, f"{start.line}:{start.column}")
    parts = [(f'<div class="head">{where} <span class="badge sev-{f.severity}">{esc(f.severity)}</span> '
              f'<code>{esc(f.code)}</code> <span class="rule">{esc(f.shown_rule)}</span>')]
    if decision:
        parts.append(f' <span class="decision">{esc(decision_name(decision))}</span>')
    parts.append("</div>")
    flagged = _flagged(lines, start, end)
    if flagged:
        parts.append(f'<div class="flagged">{esc(flagged)}</div>')
    parts.append(f'<p class="msg">{esc(f.message)}</p>')
    if f.suggestion is not None:
        parts.append('<p class="sugg">' + esc(_("Suggestion:")) + f' <ins>{esc(f.suggestion)}</ins></p>')
    if f.segment is not None:
        parts.append('<p class="seg">' + esc(_("Segment:")) + f' {esc(f.segment)}</p>')
    if f.related:
        related = "".join(f'<li>{_place(r.span.path, r.span.start.line, r.span.start.column, anchors)}: '
                          f'{esc(r.message)}</li>' for r in f.related)
        parts.append(f'<ul class="related">{related}</ul>')
    if f.code in summaries:
        parts.append(f'<p class="about">{esc(f.code)}: {esc(summaries[f.code])}</p>')
    classes = f"finding sev-{f.severity}" + (f" {decision}" if decision else "")
    return (f'<li class="{esc(classes)}" id="f{fid}" data-f="{fid}" data-sev="{esc(f.severity)}" '
            f'data-fam="{esc(f.code[:3])}" data-dec="{esc(decision or "")}">{"".join(parts)}</li>')


def _flagged(lines: list[str] | None, start, end, limit: int = 120) -> str:
    """The flagged text as it stands in the file (first line only), shortened for the list."""
    if lines is None or not 1 <= start.line <= len(lines):
        return ""
    line = lines[start.line - 1]
    stop = end.column - 1 if end.line == start.line else len(line)
    text = line[start.column - 1:stop].rstrip("\r")
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _page(body: str, files: int) -> str:
    plural = "" if files == 1 else "s"
    return ("<!DOCTYPE html>\n"
            f'<html lang="{language()}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>tmcheck report ({files} file{plural})</title>"
            f"<style>{CSS}</style></head><body>{body}"
            f'<footer>tmcheck {esc(__version__)}</footer>'
            f"<script>{SCRIPT}</script></body></html>\n")


CSS = """
:root{--err:#fcd9d9;--err-b:#c0262d;--warn:#fdefc3;--warn-b:#a86b00;--info:#d8ebfa;--info-b:#2a6bb0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff}
header{padding:.8em 1.2em;background:#f4f5f7;border-bottom:1px solid #d0d4da}
h1{font-size:1.25em;margin:0 0 .2em}
.counts,.families{margin:0}
.families{color:#444;font-size:.92em}
.count{font-weight:600}
.count.sev-error{color:var(--err-b)}.count.sev-warning{color:var(--warn-b)}.count.sev-info{color:var(--info-b)}
fieldset{border:0;margin:.5em 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1em;align-items:center}
fieldset[hidden]{display:none}
legend{float:left;font-weight:600;margin-right:.5em}
.group{font-weight:600;color:#555}
.file{display:grid;grid-template-columns:minmax(0,3fr) minmax(18em,2fr);gap:0 1.2em;padding:0 1.2em 1em;
 align-items:start}
.file h2{grid-column:1/-1;font-size:1.05em;margin:1.2em 0 .4em;overflow-wrap:anywhere}
.file h2 small{font-weight:400;color:#666}
.src{font:13px/1.55 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;border:1px solid #d0d4da;
 border-radius:4px;overflow:hidden}
.l{display:flex}
.l:target{background:#fff6bf}
.n{flex:0 0 4.2em;text-align:right;padding-right:.6em;color:#8a8f98;background:#f7f7f8;
 border-right:1px solid #e1e3e6;user-select:none}
.t{flex:1;min-width:0;padding:0 .6em;white-space:pre-wrap;overflow-wrap:anywhere}
mark{color:inherit;background:none;border-bottom:2px solid;cursor:pointer;border-radius:2px}
mark.sev-error{background:var(--err);border-color:var(--err-b)}
mark.sev-warning{background:var(--warn);border-color:var(--warn-b)}
mark.sev-info{background:var(--info);border-color:var(--info-b)}
mark.multi{box-shadow:inset 0 -4px 0 rgba(0,0,0,.18)}
mark.zw::before{content:"\\2038";font-weight:700}
mark.off{background:none;border-color:transparent;box-shadow:none;cursor:text}
mark.off.zw::before{content:none}
mark.current{outline:2px solid #1b1b1b}
.findings{list-style:none;margin:0;padding:0;font-size:.92em;position:sticky;top:0;max-height:100vh;overflow:auto}
.finding{border-left:4px solid;background:#fafbfc;padding:.35em .7em;margin:0 0 .5em}
.finding.sev-error{border-color:var(--err-b)}.finding.sev-warning{border-color:var(--warn-b)}
.finding.sev-info{border-color:var(--info-b)}
.finding.dismissed{opacity:.65}.finding.dismissed .msg{text-decoration:line-through}
.finding p{margin:.2em 0}
.badge{font-size:.8em;padding:0 .4em;border-radius:3px;color:#fff}
.badge.sev-error{background:var(--err-b)}.badge.sev-warning{background:var(--warn-b)}
.badge.sev-info{background:var(--info-b)}
.rule,.about,.decision{color:#555}
.flagged{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;background:#eef0f3;padding:0 .3em;
 white-space:pre-wrap;overflow-wrap:anywhere}
ins{text-decoration:none;font-weight:600;background:#ddf4dd;padding:0 .2em}
.related{margin:.2em 0;padding-left:1.2em}
.missing,.clean{font-style:italic;color:#555}
#detail{position:fixed;right:1em;bottom:1em;width:min(34em,calc(100vw - 2em));max-height:55vh;overflow:auto;
 background:#fff;border:1px solid #9aa0a8;border-radius:6px;box-shadow:0 4px 18px rgba(0,0,0,.25);
 padding:.6em .8em;z-index:2}
#detail[hidden]{display:none}
#detail .finding{list-style:none}
#detail-close{float:right;border:0;background:none;font-size:1.3em;cursor:pointer;line-height:1}
footer{padding:.5em 1.2em;color:#777;font-size:.85em}
@media (max-width:60em){.file{grid-template-columns:1fr}.findings{position:static;max-height:none}}
@media print{
 body{font-size:10.5pt}header{background:none}#filters,#detail{display:none}
 .file{display:block}.findings{position:static;max-height:none;overflow:visible;margin-top:.8em}
 .src{border:0}.l{break-inside:avoid}.finding{break-inside:avoid}
 mark,.badge,.n{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
}
"""

# Filters hide list items and un-highlight marks whose findings are all hidden; clicking (or Enter
# on) a mark shows copies of its findings' list items. No innerHTML: only nodes already escaped.
SCRIPT = """
(function () {
  "use strict";
  var d = document, RANK = ["info", "warning", "error"], items = {};
  d.querySelectorAll("li.finding").forEach(function (li) { items[li.dataset.f] = li; });
  var marks = d.querySelectorAll("mark[data-f]"), panel = d.getElementById("detail");
  var body = d.getElementById("detail-body"), filters = d.getElementById("filters"), current = null;
  function checked(kind) {
    var on = {};
    filters.querySelectorAll('input[data-kind="' + kind + '"]').forEach(function (c) { on[c.value] = c.checked; });
    return on;
  }
  function apply() {
    var sev = checked("sev"), fam = checked("fam"), dec = checked("dec"), shown = {};
    Object.keys(items).forEach(function (k) {
      var li = items[k], ds = li.dataset;
      shown[k] = sev[ds.sev] !== false && fam[ds.fam] !== false && !(ds.dec && dec[ds.dec] === false);
      li.hidden = !shown[k];
    });
    marks.forEach(function (m) {
      var worst = -1;
      m.dataset.f.split(" ").forEach(function (k) {
        if (shown[k]) { worst = Math.max(worst, RANK.indexOf(items[k].dataset.sev)); }
      });
      m.classList.remove("sev-info", "sev-warning", "sev-error");
      m.classList.toggle("off", worst < 0);
      if (worst >= 0) { m.classList.add("sev-" + RANK[worst]); }
    });
  }
  function show(m) {
    if (m.classList.contains("off")) { return; }
    if (current) { current.classList.remove("current"); }
    current = m;
    m.classList.add("current");
    body.textContent = "";
    m.dataset.f.split(" ").forEach(function (k) {
      if (items[k].hidden) { return; }
      var copy = items[k].cloneNode(true);
      copy.removeAttribute("id");
      body.appendChild(copy);
    });
    panel.hidden = false;
  }
  function hide() {
    panel.hidden = true;
    if (current) { current.classList.remove("current"); current = null; }
  }
  filters.hidden = false;
  filters.addEventListener("change", apply);
  d.getElementById("detail-close").addEventListener("click", hide);
  d.addEventListener("click", function (e) {
    var m = e.target.closest && e.target.closest("mark[data-f]");
    if (m) { show(m); }
  });
  d.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); return; }
    var m = e.key === "Enter" && e.target.closest && e.target.closest("mark[data-f]");
    if (m) { show(m); }
  });
})();
"""


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    # default-src 'none' forbids every fetch (images, fonts, frames, connections); base-uri and
    # form-action do not fall back to it, so they are named too.
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
            "base-uri 'none'; form-action 'none'")


CSP = _csp()
