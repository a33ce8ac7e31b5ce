"""``tmcheck review DRAFT``: decide about each finding in the terminal (or, with --serve, in a browser)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InputError
from ..i18n import N_, _

_ACTIONS = {"a": "accept", "d": "dismiss", "f": "fix", "s": "skip", "q": "quit"}
_SAFETY = {"safe": N_("safe fix"), "unsafe": N_("unsafe fix: [f] asks to confirm"), "display": N_("a hint: not applied")}


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None, help="Language of the draft (default: detected).")
@click.option("--source", type=click.Path(path_type=Path), default=None, help="Its source document (checked as a pair).")
@click.option("--decisions", type=click.Path(path_type=Path), default=None,
              help="The review file (default: DRAFT.review.yaml beside the draft).")
@click.option("--by", default=None, help="Who decides (default: $TMCHECK_USER or the login name).")
@click.option("--all", "show_all", is_flag=True, help="Also go through findings decided before.")
@click.option("--serve", is_flag=True, help="Review in a browser: a local web page on 127.0.0.1.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port for --serve (default: a free one).")
@click.option("--no-browser", is_flag=True, help="With --serve: print the address, do not open a browser.")
def review(draft, lang, source, decisions, by, show_all, serve, port, no_browser):
    """Go through a draft's findings: accept, dismiss with a reason, apply the fix, skip.

    Decisions are saved after each answer in DRAFT.review.yaml; quit at any time and run the same
    command again to resume. [f]ix applies a safe fix at once, an unsafe one after a confirmation;
    a suggestion that is only a hint is shown, never applied ('tmcheck rules CODE' says which). An
    applied fix rewrites the draft in one step and keeps the previous version as DRAFT.~N~."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..engine import Options
    from ..review.session import Review

    if source is not None and not source.is_file():
        raise InputError(_("{path}: no such file (--source)").format(path=source))
    session = Review(draft, Options(lang=lang, source=source), decisions, by)
    if serve:
        # the web server only with --serve (start-up cost)
        from ..review.server import serve as run_server

        run_server(session, port=port, open_browser=not no_browser)
        return
    _terminal(session, show_all)


def _terminal(session, show_all: bool) -> None:
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..review.session import applicable

    done = {"accepted": 0, "dismissed": 0, "fixed": 0}
    seen: set[str] = set()
    while True:
        queue = [f for f in session.findings if f.fingerprint not in seen and (show_all or f.decision is None)]
        if not queue:
            break
        f = queue[0]
        seen.add(f.fingerprint)
        left = len(queue)
        _show(session, f, left)
        # [f]ix is offered for a fix the review may write: a safe one, or an unsafe one after a
        # confirmation; a display suggestion is a hint to read, never applied.
        fixable = applicable(f, unsafe=True)
        choices = "a/d/f/s/q" if fixable else "a/d/s/q"
        prompt = _("  [a]ccept, [d]ismiss, [f]ix, [s]kip, [q]uit") if fixable else _("  [a]ccept, [d]ismiss, [s]kip, [q]uit")
        answer = click.prompt(prompt,
                              type=click.Choice(choices.split("/")), show_choices=False, default="s")
        action = _ACTIONS[answer]
        if action == "quit":
            break
        if action == "accept":
            session.decide(f, "accepted")
            done["accepted"] += 1
        elif action == "dismiss":
            reason = click.prompt(_("  Reason"), default="", show_default=False).strip()
            session.decide(f, "dismissed", reason)
            done["dismissed"] += 1
        elif action == "fix":
            unsafe = f.fix.applicability == "unsafe"
            if unsafe and not click.confirm(_("  This fix is unsafe (probably right, but check it): replace "
                                              "'{text}' with '{replacement}'?").format(text=f.text,
                                                                                     replacement=f.fix.replacement),
                                            default=False):
                click.echo(_("  not applied"))
                continue
            try:
                backup = session.apply(f, unsafe=unsafe)
            except InputError as exc:  # the draft changed under the review: say so, go on
                click.echo(_("  not applied: {reason}").format(reason=exc))
                continue
            done["fixed"] += 1
            click.echo(_("  applied; the previous version is {backup}").format(backup=backup.name))
    remaining = len(session.open_findings())
    summary = _("{accepted} accepted, {dismissed} dismissed, {fixed} fixed; {remaining} finding(s) without a "
                "decision").format(accepted=done["accepted"], dismissed=done["dismissed"], fixed=done["fixed"],
                                   remaining=remaining)
    if remaining:
        summary += _(" (run 'tmcheck review {draft}' again to go on)").format(draft=session.draft)
    click.echo(summary + _(". Decisions: {path}").format(path=session.file.path))


def _show(session, f, left: int) -> None:
    color = sys.stdout.isatty()
    click.echo("")
    head = f"{f.span.path}:{f.span.start.line}:{f.span.start.column}  {f.code} {f.shown_rule} [{f.severity}]"
    click.echo(click.style(head, bold=True) if color else head)
    click.echo(f"  {f.message}")
    line = _line(session.draft, f.span.start.line)
    if line is not None:
        a = f.span.start.column - 1
        b = f.span.end.column - 1 if f.span.end.line == f.span.start.line else len(line)
        marked = line[:a] + (click.style(line[a:b], fg="red", bold=True) if color else f"[[{line[a:b]}]]") + line[b:]
        click.echo(f"  {f.span.start.line:>5} | {marked.strip()}")
    if f.fix is not None:
        click.echo(_("  suggestion: {replacement}  ({safety})").format(replacement=f.fix.replacement,
                                                                     safety=_(_SAFETY[f.fix.applicability])))
    for r in f.related:
        click.echo(_("  see line {line}: {message}").format(line=r.span.start.line, message=r.message))
    if f.decision:
        click.echo(_("  decided before: {decision}").format(decision=f.decision))
    click.echo(_("  ({left} left)").format(left=left))


def _line(path: Path, n: int) -> str | None:
    """Line ``n`` as the findings count lines (the HTML report's reading of the draft)."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..report.html import read_source

    try:
        lines = read_source(str(path)).split("\n")
    except Exception:  # noqa: BLE001 - the finding is shown without its line
        return None
    return lines[n - 1] if 0 < n <= len(lines) else None
