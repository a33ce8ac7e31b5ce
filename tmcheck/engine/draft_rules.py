"""The rules run over one draft: on a large draft, the rules that judge each paragraph alone run
slice by slice in several processes (engine.slices), as a bilingual file's pairs do."""

from __future__ import annotations

from ..facts.analysis import Analysis
from ..findings import Finding
from .slices import judged_in_slices

# A draft of this many paragraphs (some 150 pages) has its paragraph-local rules judged by as many
# processes as there are cores; below it, forking and setting up slices costs more than it saves.
PARALLEL_PARAGRAPHS = 1500
# The processes take slices of this many paragraphs in turn, so that they finish together.
SLICE_PARAGRAPHS = 200


def run_draft_rules(analysis: Analysis, rules) -> list[Finding]:
    """The findings of ``rules`` on the analysed draft, in rule order (see judged_in_slices)."""
    document = analysis.document
    n = len(document.paragraphs)
    if n >= PARALLEL_PARAGRAPHS:
        document.line_starts  # found once here, not again in each slice's copy of the document

    def part(a: int, b: int) -> Analysis:
        import copy  # only for a draft checked in slices (start-up cost of a plain lint)

        view = copy.copy(document)
        view.paragraphs = document.paragraphs[a:b]  # each keeps its index: analyses key on it
        part = Analysis(view, analysis.lang, analysis.glossary, analysis.options)
        part.whole = analysis  # what a local rule reads of the whole document (document_memo)
        return part

    return judged_in_slices(analysis, rules, n, PARALLEL_PARAGRAPHS, SLICE_PARAGRAPHS, part, _judge)


def _judge(analysis: Analysis, rule_classes) -> list[Finding]:
    out: list[Finding] = []
    for rule_class in rule_classes:
        out.extend(rule_class().check(analysis))
    return out
