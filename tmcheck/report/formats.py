"""Text, JSON (the output contract of DESIGN.md), SARIF 2.1.0 and GitHub workflow annotations.

A finding of a declarative rule (rules/*.yaml) keeps its code, TM402, wherever a code is shown (a
consumer that knows codes only reads it as before), and shows the rule's own id beside it: a
``rule: <id>`` line under it in text and GitHub annotations, a ``rule_id`` key in JSON (after
``rule``), ``properties.rule_id`` in a SARIF result (whose ``ruleId`` stays the code), the id in
place of the rule name in HTML."""

from __future__ import annotations

import json

from .. import __version__
from ..findings import Finding
from ..i18n import N_, _, ngettext

FORMATS = ("text", "json", "sarif", "html", "github", "docx")  # docx: a commented copy of the draft (report/docx_comments.py)


def summary(findings: list[Finding], files: int, hidden: int = 0, failures=()) -> dict:
    """Counts by severity of the open findings; ``dismissed`` counts those an editor dismissed,
    shown (``--show-dismissed``) or ``hidden``; ``failed`` (only when there are some) lists the
    files that could not be checked, each with its reason."""
    open_ = [f for f in findings if f.decision != "dismissed"]
    count = {s: sum(1 for f in open_ if f.severity == s) for s in ("error", "warning", "info")}
    out = {"files": files, "findings": len(findings), "errors": count["error"],
           "warnings": count["warning"], "infos": count["info"], "dismissed": hidden + len(findings) - len(open_)}
    if failures:
        out["failed"] = [failure_dict(failure) for failure in failures]
    return out


def failure_dict(failure) -> dict:
    """A file that could not be checked (engine.runner.FileFailure): path, line when known, reason."""
    d = {"path": failure.path}
    if failure.line is not None:
        d["line"] = failure.line
    d["message"] = failure.message
    return d


def render(fmt: str, findings: list[Finding], files: int, rules=None, color: bool = False, hidden: int = 0,
           failures=()) -> str:
    """``hidden``: how many dismissed findings were left out (the summary counts them);
    ``failures``: the files that could not be checked (engine.runner.FileFailure)."""
    if fmt == "json":
        return render_json(findings, files, hidden, failures)
    if fmt == "sarif":
        return render_sarif(findings, rules or [], failures)
    if fmt == "github":
        return render_github(findings, files, hidden, failures)
    if fmt == "html":
        # Imported on demand: the other formats never pay for it.
        from .html import render_html

        return render_html(findings, files, rules or [], hidden, failures)
    return render_text(findings, files, color, hidden, failures)


def finding_dict(f: Finding) -> dict:
    d = {
        "path": f.span.path,
        "line": f.span.start.line,
        "column": f.span.start.column,
        "end_line": f.span.end.line,
        "end_column": f.span.end.column,
        "code": f.code,
        "rule": f.rule,
        **({"rule_id": f.rule_id} if f.rule_id else {}),
        "severity": f.severity,
        "message": f.message,
        "suggestion": f.suggestion,
        "fix": fix_dict(f),
        "related": [{"path": r.span.path, "line": r.span.start.line, "column": r.span.start.column,
                     "message": r.message} for r in f.related],
        "fingerprint": f.fingerprint,
    }
    if f.segment is not None:
        d["segment"] = f.segment
    if f.decision is not None:
        d["decision"] = f.decision
    return d


def fix_dict(f: Finding) -> dict | None:
    """The suggestion as a fix: the span it replaces (exactly that text), the replacement, and how
    far it may be trusted (safe, unsafe, display)."""
    fix = f.fix
    if fix is None:
        return None
    return {"span": {"line": fix.span.start.line, "column": fix.span.start.column,
                     "end_line": fix.span.end.line, "end_column": fix.span.end.column},
            "replacement": fix.replacement, "applicability": fix.applicability}


def render_json(findings: list[Finding], files: int, hidden: int = 0, failures=()) -> str:
    out = {"tool": "tmcheck", "version": __version__, "findings": [finding_dict(f) for f in findings],
           "summary": summary(findings, files, hidden, failures)}
    return json.dumps(out, ensure_ascii=False, indent=2)


_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def render_text(findings: list[Finding], files: int, color: bool = False, hidden: int = 0, failures=()) -> str:
    lines = []
    for f in findings:
        sev = f"[{f.severity}]"
        if color:
            sev = f"{_COLORS[f.severity]}{sev}\x1b[0m"
        decided = f" ({decision_name(f.decision)})" if f.decision else ""
        lines.append(f"{f.span.path}:{f.span.start.line}:{f.span.start.column}: {f.code} {sev}{decided} {f.message}")
        lines.extend("    " + line for line in details(f))
    lines.append(summary_line(findings, files, hidden, failures))
    return "\n".join(lines)


_DECISIONS = {"dismissed": N_("dismissed"), "accepted": N_("accepted"), "fixed": N_("fixed")}


def decision_name(decision: str) -> str:
    """An editor's decision as a report shows it (the review file keeps the English word)."""
    return _(_DECISIONS[decision]) if decision in _DECISIONS else decision


def details(f: Finding) -> list[str]:
    """The lines under a finding in a text report: its declarative rule's id, its segment, its
    suggestion, its other places."""
    lines = []
    if f.rule_id is not None:  # the name --select, --ignore and suppressions know it by
        lines.append(_("rule: {rule}").format(rule=f.rule_id))
    if f.segment is not None:
        lines.append(_("segment: {segment}").format(segment=f.segment))
    if f.suggestion is not None:
        lines.append(_("suggestion: {suggestion}").format(suggestion=f.suggestion))
    for r in f.related:
        lines.append(_("see {place}: {message}").format(
            place=f"{r.span.path}:{r.span.start.line}:{r.span.start.column}", message=r.message))
    return lines


def summary_line(findings: list[Finding], files: int, hidden: int = 0, failures=()) -> str:
    s = summary(findings, files, hidden)
    line = _("{files_checked}: {errors} error(s), {warnings} warning(s), {infos} info").format(
        files_checked=ngettext("{n} file checked", "{n} files checked", s["files"]).format(n=s["files"]),
        errors=s["errors"], warnings=s["warnings"], infos=s["infos"])
    if s["dismissed"]:
        line += _(", {n} dismissed").format(n=s["dismissed"])
    if failures:
        line += ngettext("; {n} file could not be checked", "; {n} files could not be checked",
                         len(failures)).format(n=len(failures))
    return line


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _region(span) -> dict:
    return {"startLine": span.start.line, "startColumn": span.start.column,
            "endLine": span.end.line, "endColumn": span.end.column}


def _is_text(path: str) -> bool:
    """Whether SARIF's line/column regions address the file's characters (not a Word document's
    zipped XML, whose fixes the review applies inside its runs)."""
    return not path.lower().endswith(".docx")


def _sarif_result(f: Finding, index: dict[str, int]) -> dict:
    """One finding as a SARIF result (``index``: rule code -> its place in the driver's rules)."""
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
    if f.rule_id:
        result["properties"] = {"rule_id": f.rule_id}
    if f.related:
        result["relatedLocations"] = [
            {"id": i, "message": {"text": r.message},
             "physicalLocation": {"artifactLocation": {"uri": r.span.path}, "region": _region(r.span)}}
            for i, r in enumerate(f.related)]
    fix = f.fix
    if fix is not None and fix.applicability != "display" and _is_text(fix.span.path):
        # Only fixes that replace exactly the flagged text and may be applied (a display
        # suggestion is in the message's finding, never a fix).
        result["fixes"] = [{
            "description": {"text": _("Replace with '{suggestion}'").format(suggestion=f.suggestion)},
            "artifactChanges": [{"artifactLocation": {"uri": fix.span.path}, "replacements": [
                {"deletedRegion": _region(fix.span), "insertedContent": {"text": fix.replacement}}]}],
            "properties": {"applicability": fix.applicability},
        }]
    if f.decision == "dismissed":  # an editor's decision kept outside the draft: SARIF's "external"
        result["suppressions"] = [{"kind": "external", "status": "accepted"}]
    return result


def _sarif_notifications(failures) -> list[dict]:
    """The files that could not be checked, as SARIF tool execution notifications."""
    notifications = []
    for failure in failures:
        location: dict = {"artifactLocation": {"uri": failure.path}}
        if failure.line is not None:
            location["region"] = {"startLine": failure.line}
        notifications.append({"level": "error", "message": {"text": failure.message},
                              "locations": [{"physicalLocation": location}]})
    return notifications


def render_sarif(findings: list[Finding], rules, failures=()) -> str:
    rule_list = list(rules)
    index = {r.code: i for i, r in enumerate(rule_list)}
    results = [_sarif_result(f, index) for f in findings]
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
    run = {"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}
    if failures:
        # The files that could not be checked: notifications of a run that did not fully succeed.
        run["invocations"] = [{"executionSuccessful": False,
                               "toolExecutionNotifications": _sarif_notifications(failures)}]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


# GitHub workflow commands: ::error file=F,line=L,col=C,title=T::message. In the message, %, CR
# and LF are escaped; in a property, also ":" and "," (which would end it).
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: list[Finding], files: int, hidden: int = 0, failures=()) -> str:
    """One workflow annotation per finding (errors as ::error, warnings as ::warning, infos as
    ::notice), one ::error per file that could not be checked, then the summary line."""
    lines = []
    for f in findings:
        level = "notice" if f.decision == "dismissed" else _GITHUB_LEVEL[f.severity]
        title = f"{f.code} {f.rule}" + (f" ({decision_name(f.decision)})" if f.decision else "")
        props = [f"file={_github_property(f.span.path)}", f"line={f.span.start.line}",
                 f"endLine={f.span.end.line}", f"col={f.span.start.column}"]
        if f.span.end.line == f.span.start.line:  # GitHub reads endColumn only on one line
            props.append(f"endColumn={f.span.end.column}")
        props.append(f"title={_github_property(title)}")
        message = "\n".join([f.message, *details(f)])
        lines.append(f"::{level} {','.join(props)}::{_github_data(message)}")
    for failure in failures:
        props = [f"file={_github_property(failure.path)}"]
        if failure.line is not None:
            props.append(f"line={failure.line}")
        props.append("title=" + _github_property(_("tmcheck: not checked")))
        lines.append(f"::error {','.join(props)}::{_github_data(failure.message)}")
    lines.append(summary_line(findings, files, hidden, failures))
    return "\n".join(lines)
