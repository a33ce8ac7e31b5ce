"""What each finding gets once the rules ran and the config set its severity: its identity (a
fingerprint that survives lines inserted above), the draft's own apostrophe in its suggestion, and
its applicability as a fix."""

from __future__ import annotations

import re

from ..digests import sha1
from ..documents.typography import normalise
from ..findings import Finding
from .registry import registry

_SPACE = re.compile(r"\s+")


def typographic_apostrophes(document, findings: list[Finding]) -> None:
    """Checks compare text with plain apostrophes; a suggestion goes back into the draft, so it
    takes the draft's own apostrophe (UN documents print ’), where the message quotes it too."""
    curly = document.source.count("\u2019")
    if curly and curly >= document.source.count("'"):
        for f in findings:
            if f.suggestion and "'" in f.suggestion:
                typographic = f.suggestion.replace("'", "\u2019")
                if len(f.suggestion) > 1 and f.suggestion in f.message:
                    f.message = f.message.replace(f.suggestion, typographic)
                f.suggestion = typographic


_CERTAINTY = {"safe": 0, "unsafe": 1, "display": 2}
# Characters a replacement cannot hold as they are in a bilingual file's text (they would need
# escaping there, and a fix replaces the file's characters verbatim).
_ESCAPED_IN = {"po": '"\\\n\t', "tsv": "\t\n", "tmx": "<&", "xliff": "<&"}


def fix_applicability(document, findings: list[Finding]) -> None:
    """Each suggestion's applicability as a fix: the rule table's, or less where the check says so
    (the finding's own), and "display" wherever the span does not hold the flagged text verbatim in
    the file (markup, a hyphenated line break or a PO escape inside it) or the replacement would
    need escaping there: such a fix cannot be applied as it stands."""
    reg = registry()
    for f in findings:
        if f.suggestion is None:
            f.applicability = None
            continue
        row = reg.by_code.get(f.code)
        table = row.fix if row is not None and row.fix in _CERTAINTY else "display"
        applicability = max(table, f.applicability or table, key=_CERTAINTY.__getitem__)
        if applicability != "display" and not _replaces_exactly(document, f):
            applicability = "display"
        f.applicability = applicability


def _replaces_exactly(document, f: Finding) -> bool:
    """Whether the finding's span in the file is its flagged text (the draft's own characters:
    typographic apostrophes, no-break spaces and line breaks read as the checks read them), so that
    replacing the span with the suggestion is the fix."""
    if f.span.path != document.path:
        return False
    starts = document.line_starts
    (a_line, a_col), (b_line, b_col) = f.span.start, f.span.end
    if not (1 <= a_line <= len(starts) and 1 <= b_line <= len(starts)):
        return False
    a, b = starts[a_line - 1] + a_col - 1, starts[b_line - 1] + b_col - 1
    region = document.source[a:b]
    if not region or " ".join(normalise(region).split()) != " ".join(normalise(f.text).split()):
        return False
    return not any(c in f.suggestion for c in _ESCAPED_IN.get(document.format, ""))


def fingerprint(findings: list[Finding]) -> None:
    """A finding's identity: its rule (a declarative rule's own id, not the code all of them share),
    the flagged text and a little context, never its line, so that it survives lines inserted above
    and paragraphs reflowed."""
    seen: dict[str, int] = {}
    for f in findings:
        # On the clean text's characters: the same finding keeps its identity whether the draft
        # writes ’ or ' (and across versions that showed one or the other).
        basis = "|".join((f.rule_id or f.code, _SPACE.sub(" ", normalise(f.text)).strip(), _SPACE.sub(" ", normalise(f.context)).strip()))
        digest = sha1(basis.encode("utf-8")).hexdigest()[:16]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        f.fingerprint = digest if n == 0 else f"{digest}-{n}"
