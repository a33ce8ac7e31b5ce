"""``tmcheck lint``: check drafts and report findings (the command translators run most; it imports
the engine and the reporters only once it runs)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InputError
from ..i18n import _
from ..named_tuples import NamedTuple
from ..report.formats import FORMATS
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

REVIEW_SUFFIX = ".review.yaml"  # review.decisions.SUFFIX, repeated so that a plain lint imports nothing more


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(["fr", "en", "auto"]), default=None,
              help="Language of the drafts (default: detected per file).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules or families (TM201, TM2, weekday-mismatch).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules or families.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding reaches this severity (default: warning).")
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Config file (default: tmcheck.toml or [tool.tmcheck] in pyproject.toml, found upward).")
@click.option("--glossary", type=click.Path(path_type=Path), default=None, help="Glossary folder (default: the bundled one).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=None, help="Declarative rules folder.")
@click.option("--source", "source", type=click.Path(path_type=Path), default=None,
              help="The source document of the draft: align them and check each pair.")
@click.option("--source-lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the source (bilingual files and --source).")
@click.option("--target-lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the translation (bilingual files and --source).")
@click.option("--include-fuzzy", is_flag=True, help="Also check fuzzy entries of PO and XLIFF files.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the report to this file.")
@click.option("--show-dismissed", is_flag=True, help="Also report findings an editor dismissed (tmcheck review).")
@click.option("--decisions", type=click.Path(path_type=Path), default=None,
              help="The review file of the draft (default: DRAFT.review.yaml beside it).")
def lint(paths, lang, fmt, select, ignore, fail_on, config, glossary, rules_dir, source, source_lang, target_lang,
         include_fuzzy, output, show_dismissed, decisions):
    """Check drafts (files or folders) and report findings.

    A PO, TMX, XLIFF or TSV file is checked source against translation; so is a draft given with
    --source (the two documents are aligned sentence by sentence)."""
    # the engine and the reporters only once lint runs: 'tmcheck --help' imports this module too
    from ..engine import Linter, Options
    from ..engine.registry import registry
    from ..report import render

    if source is not None and not source.is_file():
        raise InputError(_("{path}: no such file (--source)").format(path=source))
    if fmt == "docx":
        _check_docx_target(paths, output)
    options = Options(lang=lang, select=_split(select) or None, ignore=_split(ignore), fail_on=fail_on,
                      config=config, glossary=glossary, rules=rules_dir, source=source, source_lang=source_lang,
                      target_lang=target_lang, include_fuzzy=include_fuzzy)
    linter = Linter(options)
    # final: the command ends with this run (the last draft's cycles are left to the process's end).
    result = linter.lint_paths(list(paths), progress=_progress_bar if sys.stderr.isatty() else None, final=True)
    applied = _apply_decisions(result, show_dismissed, decisions)
    for notice in result.notices:
        click.echo(_("tmcheck: warning: {message}").format(message=notice), err=True)
    for notice in applied.notices:
        click.echo(_("tmcheck: note: {message}").format(message=notice), err=True)
    if result.failures and not result.files:  # nothing could be checked: no report, as before
        for failure in result.failures:
            click.echo(f"tmcheck: {failure.message}", err=True)
        sys.exit(EXIT_ERROR)
    if fmt == "docx":
        _write_commented(Path(paths[0]), output, applied.findings)
        sys.exit(EXIT_FINDINGS if result.failed() else EXIT_OK)
    color = fmt == "text" and output is None and sys.stdout.isatty()
    # Rule documentation only where the report carries it (SARIF, HTML): a text report never
    # imports the rules it did not run.
    rules = list(registry()) if fmt in ("sarif", "html") else []
    text = render(fmt, applied.findings, result.files, rules, color=color, hidden=applied.hidden,
                  failures=result.failures)
    if output:
        _write_report(output, text)
    else:
        click.echo(text)
    # Each file that could not be checked: one line, after the report, and exit 2 at the end.
    for failure in result.failures:
        click.echo(f"tmcheck: {failure.message}", err=True)
    if result.failures:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.failed() else EXIT_OK)


class _NoDecisions(NamedTuple):
    findings: list
    hidden: int = 0
    notices: tuple = ()


def _apply_decisions(result, show_dismissed: bool, decisions: Path | None):
    """Editors' decisions (tmcheck review): dismissed findings hidden, stale decisions reported. A
    draft without a review file costs one stat, and no import."""
    drafts = [d for d in result.drafts if decisions is not None or _exists(Path(str(d) + REVIEW_SUFFIX))]
    if not drafts:
        return _NoDecisions(result.findings)
    # only for a draft with a review file (start-up cost of a plain lint)
    from ..review.decisions import apply_decisions

    return apply_decisions(result.findings, drafts, show_dismissed, decisions)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a draft whose name is near the system's limit has no room for a review file
        return False


class _progress_bar:
    """A progress bar on stderr over a run of several drafts (only on a terminal)."""

    def __init__(self, drafts):
        self.drafts = drafts

    def __iter__(self):
        if len(self.drafts) < 3:
            yield from self.drafts
            return
        with click.progressbar(self.drafts, label=_("Checking"), file=sys.stderr,
                               item_show_func=lambda d: d.name if d else "") as bar:
            yield from bar


def _check_docx_target(paths: tuple[str, ...], output: Path | None) -> None:
    # python-docx only for --format docx (start-up cost)
    from ..report.docx_comments import check_target

    if len(paths) != 1:
        raise InputError(_("--format docx writes a commented copy of one Word draft: give exactly one .docx"))
    check_target(Path(paths[0]), output)


def _write_commented(draft: Path, output: Path, findings: list) -> None:
    # python-docx only for --format docx (start-up cost)
    from ..report.docx_comments import write_commented

    unanchored = write_commented(draft, output, findings)
    if unanchored:
        click.echo(_("tmcheck: note: {message}").format(message=_(
            "{n} finding(s) could not be placed on their text; they are comments on the first paragraph of {path}"
        ).format(n=unanchored, path=output)), err=True)


def _write_report(path: Path, text: str) -> None:
    # only with -o (start-up cost of a plain lint)
    from ..atomic import write_atomically

    write_atomically(path, text + "\n")
