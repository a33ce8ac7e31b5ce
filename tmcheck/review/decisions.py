"""What an editor decided about each finding of a draft, in a YAML file beside it.

``draft.fr.md`` has its decisions in ``draft.fr.md.review.yaml``: a reviewable, diffable list, one
entry per decided finding, written atomically. A decision names its finding by fingerprint (rule,
flagged text and a little context: see engine.finishing), so it survives lines inserted above and
paragraphs reflowed; when the text around a finding was edited and the fingerprint moved, the
decision still finds it by rule and flagged text, if only one finding fits and its context is still
close. A decision that finds no finding is reported, never silently dropped.

A decision about a finding of a declarative rule (rules/*.yaml, all reported as TM402) also names
that rule's id (``rule: house-style.en-per-cent``), and only a finding of that rule answers it: a
dismissal of one house-style rule never hides another rule's finding on the same words.
"""

from __future__ import annotations

import getpass
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import yaml
from rapidfuzz.fuzz import ratio

from .. import safe_yaml, shapes
from ..atomic import write_atomically
from ..documents.typography import normalise
from ..errors import InputError
from ..i18n import _
from ..named_tuples import NamedTuple
from ..report.formats import decision_name

DECISIONS = ("dismissed", "accepted", "fixed")
SUFFIX = ".review.yaml"
FORMAT = 1
# How close the context of a finding must stay (rapidfuzz ratio) for a decision to follow it when
# its fingerprint changed because words near it were edited.
CONTEXT_MIN = 70
MAX_BYTES = 100 * 1024 * 1024  # decisions about a few thousand findings take a megabyte or two


class Decision(NamedTuple):
    fingerprint: str
    code: str
    text: str  # the flagged text when the decision was taken
    context: str
    decision: str  # dismissed | accepted | fixed
    reason: str = ""
    by: str = ""
    at: str = ""  # ISO 8601, UTC
    rule: str = ""  # the declarative rule's id (house-style.en-per-cent); "" for a rule in code


def decisions_path(draft: Path) -> Path:
    return draft.with_name(draft.name + SUFFIX)


def current_user() -> str:
    try:
        return os.environ.get("TMCHECK_USER") or getpass.getuser()
    except Exception:  # no user name in this environment (some containers)
        return "unknown"


class ReviewFile:
    """The decisions about one draft. ``load`` reads (or starts) the file; ``save`` writes it whole."""

    def __init__(self, path: Path, draft: Path, decisions: list[Decision] | None = None):
        self.path = path
        self.draft = draft
        self.decisions: list[Decision] = decisions or []

    @classmethod
    def load(cls, draft: Path, path: Path | None = None) -> "ReviewFile":
        path = path or decisions_path(draft)
        try:
            if not path.exists():
                return cls(path, draft)
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise InputError(_("{path}: review file too large ({size} MB; the limit is {limit} MB); fix it or "
                                   "move it away").format(path=path, size=size // (1024 * 1024),
                                                          limit=MAX_BYTES // (1024 * 1024)))
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(_("{path}: cannot read the review file ({reason})").format(
                path=path, reason=getattr(exc, 'strerror', None) or exc)) from None
        try:
            node, data = safe_yaml.load(text)
        except yaml.YAMLError as exc:
            line, problem = safe_yaml.problem(exc)
            where = _(" (line {line})").format(line=line) if line else ""
            raise InputError(_("{path}: not a valid review file: YAML syntax error{where}: {problem}; fix it or "
                               "move it away").format(path=path, where=where, problem=problem)) from None
        if not isinstance(data, dict):
            raise InputError(_("{path}: not a tmcheck review file (expected 'draft:' and a 'decisions:' list)").format(
                path=path))
        problem = shapes.problem(data, shapes.REVIEW_FILE)
        if problem:
            line = safe_yaml.node_line(node, problem.path)
            raise InputError(_("{path}{line}: not a valid review file: {problem}; fix it or move it away").format(
                path=path, line=f':{line}' if line else '', problem=problem))
        named = str(data.get("draft") or "")
        if named and named != draft.name:
            raise InputError(_("{path}: these decisions are for '{named}', not for '{name}'").format(
                path=path, named=named, name=draft.name))
        decisions = []
        for raw in data.get("decisions") or []:
            decisions.append(Decision(str(raw["fingerprint"]), str(raw.get("code") or ""), str(raw.get("text") or ""),
                                      str(raw.get("context") or ""), raw["decision"], str(raw.get("reason") or ""),
                                      str(raw.get("by") or ""), str(raw.get("at") or ""), str(raw.get("rule") or "")))
        return cls(path, draft, decisions)

    def save(self) -> None:
        body = {"format": FORMAT, "draft": self.draft.name,
                "decisions": [{k: v for k, v in _in_file_order(d) if v != "" or k in ("fingerprint", "decision")}
                              for d in self.decisions]}
        header = (f"# tmcheck review decisions for {self.draft.name}: written by `tmcheck review`; safe to\n"
                  "# read, diff and commit beside the draft. A dismissed finding stays hidden from `tmcheck lint`.\n")
        write_atomically(self.path, header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100))

    # -- deciding ------------------------------------------------------------------------------------

    def decide(self, finding, decision: str, reason: str = "", by: str | None = None) -> Decision:
        if decision not in DECISIONS:
            raise ValueError(decision)
        d = Decision(finding.fingerprint, finding.code, finding.text, finding.context, decision, reason,
                     by or current_user(), datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
                     finding.rule_id or "")
        self.decisions = [x for x in self.decisions if x.fingerprint != finding.fingerprint] + [d]
        return d

    def undo(self, fingerprint: str) -> bool:
        before = len(self.decisions)
        self.decisions = [x for x in self.decisions if x.fingerprint != fingerprint]
        return len(self.decisions) != before

    # -- matching ------------------------------------------------------------------------------------

    def match(self, findings: Iterable) -> tuple[dict[int, Decision], list[Decision]]:
        """{index of a finding: its decision}, and the decisions that no finding answers any more."""
        findings = list(findings)
        by_fp = {f.fingerprint: i for i, f in enumerate(findings)}
        matched: dict[int, Decision] = {}
        pending = []
        for d in self.decisions:
            i = by_fp.get(d.fingerprint)
            # The fingerprint names the rule; the rule's id is checked too, as the file says it.
            if i is not None and i not in matched and _same_rule(d, findings[i]):
                matched[i] = d
            else:
                pending.append(d)
        stale = []
        for d in pending:
            fits = [i for i, f in enumerate(findings) if i not in matched and f.code == d.code and _same_rule(d, f)
                    and " ".join(normalise(f.text).split()) == " ".join(normalise(d.text).split())]
            best = max(fits, key=lambda i: ratio(normalise(findings[i].context), normalise(d.context)), default=None)
            if best is not None and ratio(normalise(findings[best].context), normalise(d.context)) >= CONTEXT_MIN:
                matched[best] = d
            else:
                stale.append(d)
        return matched, stale


def _same_rule(d: Decision, finding) -> bool:
    """Whether a finding is of the declarative rule a decision names (any finding, when it names none)."""
    return not d.rule or d.rule == (finding.rule_id or "")


def _in_file_order(d: Decision):
    """A decision's keys as the review file writes them: the rule's id beside its code."""
    fields = d._asdict()
    order = ["fingerprint", "code", "rule", *(k for k in fields if k not in ("fingerprint", "code", "rule"))]
    return [(k, fields[k]) for k in order]


class Applied(NamedTuple):
    findings: list  # what to report: open findings, and dismissed ones too with show_dismissed
    hidden: int  # dismissed findings left out
    notices: list[str]  # decisions that no longer find their finding


def apply_decisions(findings: list, drafts: list[Path], show_dismissed: bool = False,
                    review_path: Path | None = None) -> Applied:
    """Mark each finding with its draft's decision; leave out the dismissed ones unless asked."""
    if review_path is not None and len(drafts) != 1:
        raise InputError(_("--decisions names the review file of one draft: give exactly one draft"))
    decided: dict[int, str] = {}
    notices: list[str] = []
    for draft in drafts:
        review = ReviewFile.load(draft, review_path)
        if not review.decisions:
            continue
        mine = [i for i, f in enumerate(findings) if f.span.path == str(draft)]
        matched, stale = review.match(findings[i] for i in mine)
        for k, d in matched.items():
            decided[mine[k]] = d.decision
        for d in stale:
            if d.decision != "fixed":  # a fixed finding is meant to be gone
                named = f"{d.code} {d.rule}" if d.rule else d.code
                notices.append(_("{path}: the finding {finding} '{text}' ({decision}) is no longer in the draft").format(
                    path=review.path, finding=named, text=d.text, decision=decision_name(d.decision)))
    shown, hidden = [], 0
    for i, f in enumerate(findings):
        f.decision = decided.get(i)
        if f.decision == "dismissed" and not show_dismissed:
            hidden += 1
        else:
            shown.append(f)
    return Applied(shown, hidden, notices)
