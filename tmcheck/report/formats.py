"""Text, JSON (the output contract of DESIGN.md) and SARIF 2.1.0."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import Finding

FORMATS = ("text", "json", "sarif", "html", "docx")  # docx: a commented copy of the draft (report/docx_comments.py)


def summary(findings: list[Finding], files: int, hidden: int = 0) -> dict:
    """Counts by severity of the open findings; ``dismissed`` counts those an editor dismissed,
    shown (``--show-dismissed``) or ``hidden``."""
    open_ = [f for f in findings if f.decision != "dismissed"]
    count = {s: sum(1 for f in open_ if f.severity == s) for s in ("error", "warning", "info")}
    return {"files": files, "findings": len(findings), "errors": count["error"],
            "warnings": count["warning"], "infos": count["info"], "dismissed": hidden + len(findings) - len(open_)}


def render(fmt: str, findings: list[Finding], files: int, rules=None, color: bool = False, hidden: int = 0) -> str:
    """``hidden``: how many dismissed findings were left out (the summary counts them)."""
    if fmt == "json":
        return render_json(findings, files, hidden)
    if fmt == "sarif":
        return render_sarif(findings, rules or [])
    if fmt == "html":
        # Imported on demand: the other formats never pay for it.
        from .html import render_html

        return render_html(findings, files, rules or [], hidden)
    return render_text(findings, files, color, hidden)


def finding_dict(f: Finding) -> dict:
    d = {
        "path": f.span.path,
        "line": f.span.start.line,
        "column": f.span.start.column,
        "end_line": f.span.end.line,
        "end_column": f.span.end.column,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "suggestion": f.suggestion,
        "related": [{"path": r.span.path, "line": r.span.start.line, "column": r.span.start.column,
                     "message": r.message} for r in f.related],
        "fingerprint": f.fingerprint,
    }
    if f.segment is not None:
        d["segment"] = f.segment
    if f.decision is not None:
        d["decision"] = f.decision
    return d


def render_json(findings: list[Finding], files: int, hidden: int = 0) -> str:
    out = {"tool": "tmcheck", "version": __version__, "findings": [finding_dict(f) for f in findings],
           "summary": summary(findings, files, hidden)}
    return json.dumps(out, ensure_ascii=False, indent=2)


_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def render_text(findings: list[Finding], files: int, color: bool = False, hidden: int = 0) -> str:
    lines = []
    for f in findings:
        sev = f"[{f.severity}]"
        if color:
            sev = f"{_COLORS[f.severity]}{sev}\x1b[0m"
        decided = f" ({f.decision})" if f.decision else ""
        lines.append(f"{f.span.path}:{f.span.start.line}:{f.span.start.column}: {f.code} {sev}{decided} {f.message}")
        if f.segment is not None:
            lines.append(f"    segment: {f.segment}")
        if f.suggestion is not None:
            lines.append(f"    suggestion: {f.suggestion}")
        for r in f.related:
            lines.append(f"    see {r.span.path}:{r.span.start.line}:{r.span.start.column}: {r.message}")
    s = summary(findings, files, hidden)
    plural = "s" if s["files"] != 1 else ""
    dismissed = f", {s['dismissed']} dismissed" if s["dismissed"] else ""
    lines.append(f"{s['files']} file{plural} checked: {s['errors']} error(s), {s['warnings']} warning(s), "
                 f"{s['infos']} info{dismissed}")
    return "\n".join(lines)


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _region(span) -> dict:
    return {"startLine": span.start.line, "startColumn": span.start.column,
            "endLine": span.end.line, "endColumn": span.end.column}


def render_sarif(findings: list[Finding], rules) -> str:
    rule_list = list(rules)
    index = {r.code: i for i, r in enumerate(rule_list)}
    results = []
    for f in findings:
        result = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.span.path},
                                                "region": _region(f.span)}}],
            "partialFingerprints": {"tmcheck/v1": f.fingerprint},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.related:
            result["relatedLocations"] = [
                {"id": i, "message": {"text": r.message},
                 "physicalLocation": {"artifactLocation": {"uri": r.span.path}, "region": _region(r.span)}}
                for i, r in enumerate(f.related)]
        if f.suggestion is not None:
            result["fixes"] = [{
                "description": {"text": f"Replace with '{f.suggestion}'"},
                "artifactChanges": [{"artifactLocation": {"uri": f.span.path}, "replacements": [
                    {"deletedRegion": _region(f.span), "insertedContent": {"text": f.suggestion}}]}],
            }]
        if f.decision == "dismissed":  # an editor's decision kept outside the draft: SARIF's "external"
            result["suppressions"] = [{"kind": "external", "status": "accepted"}]
        results.append(result)
    driver = {
        "name": "tmcheck",
        "version": __version__,
        "rules": [{
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.doc.summary},
            "fullDescription": {"text": r.doc.why},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        } for r in rule_list],
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
