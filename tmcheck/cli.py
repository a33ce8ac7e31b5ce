"""The command line: ``tmcheck lint`` and ``tmcheck rules`` here; ``memory``, ``suggest``, ``review`` and
``glossary`` in their own modules, imported only when run (see _LazyGroup)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import click

from . import regex_cache

regex_cache.install()  # before tmcheck's modules compile their patterns

from . import __version__  # noqa: E402
from .errors import InputError
from .i18n import _, choose
from .report.formats import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
REVIEW_SUFFIX = ".review.yaml"  # review.decisions.SUFFIX, repeated so that a plain lint imports nothing more


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


class _LazyGroup(click.Group):
    """Commands kept in their own modules are imported only when run (or listed by --help), so
    that ``tmcheck lint`` pays nothing for memory, review or glossary commands (Click's documented
    lazy-loading pattern)."""

    lazy = {
        "memory": "tmcheck.memory_commands:memory",
        "suggest": "tmcheck.memory_commands:suggest",
        "review": "tmcheck.review_commands:review",
        "glossary": "tmcheck.glossary_commands:glossary",
        "facts": "tmcheck.facts_commands:facts",
    }

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attr = self.lazy[name].split(":")
            self.add_command(_with_messages_option(getattr(importlib.import_module(module), attr)), name)
        return super().get_command(ctx, name)


_PENDING_NOTE: list[str] = []


def _choose_messages(ctx, param, value):
    """--messages, before any other option is read: the language of every message of the run
    (then $TMCHECK_MESSAGES, then the locale; tmcheck.i18n). A catalog that is missing: English, and
    one note, printed once the command's own --messages is read (the last word)."""
    if ctx.parent is None or value is not None:
        _PENDING_NOTE[:] = [note] if (note := choose(value)) else []
    if ctx.parent is not None and _PENDING_NOTE:
        click.echo(f"tmcheck: note: {_PENDING_NOTE.pop()}", err=True)


def _messages_option():
    return click.Option(["--messages"], type=click.Choice(["fr", "en"]), default=None, expose_value=False,
                        is_eager=True, callback=_choose_messages,
                        help="Language of messages: fr or en (default: $TMCHECK_MESSAGES, else the locale).")


def _with_messages_option(command: click.Command) -> click.Command:
    """``--messages`` accepted by a command and, for a group, by each of its commands, so that it
    can be given where the user thinks of it: ``tmcheck --messages fr lint``, ``tmcheck lint
    --messages fr``."""
    if not any(p.name == "messages" for p in command.params):
        command.params.insert(0, _messages_option())
    for sub in getattr(command, "commands", {}).values():
        _with_messages_option(sub)
    return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tmcheck")
def main() -> None:
    """tmcheck: consistency checks for French and English UN documents."""


@main.command()
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
    from .engine import Linter, Options
    from .engine.registry import registry
    from .report import render

    if source is not None and not source.is_file():
        raise InputError(_("{path}: no such file (--source)").format(path=source))
    if fmt == "docx":
        _check_docx_target(paths, output)
    options = Options(lang=lang, select=_split(select) or None, ignore=_split(ignore), fail_on=fail_on,
                      config=config, glossary=glossary, rules=rules_dir, source=source, source_lang=source_lang,
                      target_lang=target_lang, include_fuzzy=include_fuzzy)
    linter = Linter(options)
    result = linter.lint_paths(list(paths), progress=_progress_bar if sys.stderr.isatty() else None)
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
    from .review.decisions import apply_decisions

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
    from .report.docx_comments import check_target

    if len(paths) != 1:
        raise InputError(_("--format docx writes a commented copy of one Word draft: give exactly one .docx"))
    check_target(Path(paths[0]), output)


def _write_commented(draft: Path, output: Path, findings: list) -> None:
    from .report.docx_comments import write_commented

    unanchored = write_commented(draft, output, findings)
    if unanchored:
        click.echo(_("tmcheck: note: {message}").format(message=_(
            "{n} finding(s) could not be placed on their text; they are comments on the first paragraph of {path}"
        ).format(n=unanchored, path=output)), err=True)


def _write_report(path: Path, text: str) -> None:
    from .atomic import write_atomically

    write_atomically(path, text + "\n")


@main.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: the rule reference as README.md holds it (one table, generated).")
def rules(code, fmt):
    """List every rule, or those of a family (tmcheck rules acronyms, tmcheck rules TM2), or explain
    one (tmcheck rules TM201, tmcheck rules weekday-mismatch)."""
    from .engine.registry import FIX_SAFETY, registry

    reg = registry()
    if fmt == "markdown":
        from .report.rules_reference import rules_markdown

        click.echo(rules_markdown(reg, code), nl=False)
        return
    if not code or (not reg.by_code.get(code.upper()) and not reg.by_name.get(code.lower()) and reg.matches(code)):
        for family, name, description, members in reg.by_family(code):
            click.echo(f"{family}xx  {name}: {description}")
            for r in members:
                click.echo(f"  {r.code}  {r.name:<24} {r.severity:<8} {r.doc.summary}")
        return
    rule = reg.lookup(code)
    if not rule:
        raise InputError(_("unknown rule or family '{code}' (see 'tmcheck rules')").format(code=code))
    d = rule.doc
    click.echo(f"{rule.code} {rule.name} [{rule.severity}]\n")
    click.echo(d.summary + "\n")
    click.echo("Why: " + d.why + "\n")
    if d.fix:
        click.echo("Fix: " + d.fix + "\n")
    row = reg.by_code[rule.code]
    click.echo("Fix safety: " + FIX_SAFETY[row.fix] + (f"; {row.fix_note}" if row.fix_note else "") + ".\n")
    for ex in d.examples:
        click.echo(f"{ex.kind.capitalize()} ({ex.lang}):")
        for line in ex.text.rstrip("\n").splitlines():
            click.echo("    " + line)
        click.echo()


def _os_error(exc: OSError) -> str:
    """One line for an error of the system on a file: its name (shortened), what the system said."""
    name = str(exc.filename) if exc.filename is not None else ""
    name = " ".join(name.split())
    if len(name) > 120:
        name = name[:60] + "…" + name[-59:]
    what = exc.strerror or " ".join(str(exc).split())
    return f"{name}: {what}" if name else what


_with_messages_option(main)


def run() -> None:
    """Entry point: a one-line message and exit 2 for bad input, never a traceback."""
    try:
        main.main(standalone_mode=False)
    except InputError as exc:
        click.echo(f"tmcheck: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        click.echo(_("tmcheck: aborted"), err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except OSError as exc:  # a path given that the system refuses (too long, no permission...)
        click.echo(f"tmcheck: {_os_error(exc)}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug: say so in one line; TMCHECK_DEBUG=1 shows the traceback
        import os

        if os.environ.get("TMCHECK_DEBUG"):
            raise
        from .errors import mask_secrets  # a database URL in an exception must not print its password

        click.echo(_("tmcheck: internal error: {error} (set TMCHECK_DEBUG=1 for details)").format(
            error=f"{exc.__class__.__name__}: {mask_secrets(str(exc))}"), err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    run()
