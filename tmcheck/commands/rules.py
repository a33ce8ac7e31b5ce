"""``tmcheck rules``: the rule reference, generated from the rules' own documentation."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from ..i18n import _


@click.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: the rule reference as README.md holds it (one table, generated).")
@click.option("--rules", "rules_folder", type=click.Path(path_type=Path),
              help="Declarative rules folder whose rules an id names (default: the bundled one).")
def rules(code, fmt, rules_folder):
    """List every rule, or those of a family (tmcheck rules acronyms, tmcheck rules TM2), or explain
    one (tmcheck rules TM201, tmcheck rules weekday-mismatch, tmcheck rules house-style.en-per-cent)."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..engine.registry import FIX_SAFETY, STATUSES, registry
    from ..engine.rule_files import is_rule_id

    if code and fmt == "text" and is_rule_id(code):
        _declared(code, rules_folder)
        return
    reg = registry()
    if fmt == "markdown":
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..report.rules_reference import rules_markdown

        click.echo(rules_markdown(reg, code), nl=False)
        return
    if not code or (not reg.by_code.get(code.upper()) and not reg.by_name.get(code.lower()) and reg.matches(code)):
        for family, name, description, members in reg.by_family(code):
            click.echo(f"{family}xx  {name}: {description}")
            for r in members:
                status = reg.by_code[r.code].status
                flag = "" if status == "stable" else f" [{status}]"
                click.echo(f"  {r.code}  {r.name:<24} {r.severity:<8} {r.doc.summary}{flag}")
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
    if row.status != "stable" or row.aliases:
        click.echo("Status: " + STATUSES[row.status]
                   + (f"; formerly {', '.join(row.aliases)}" if row.aliases else "") + ".\n")
    for ex in d.examples:
        click.echo(f"{ex.kind.capitalize()} ({ex.lang}):")
        for line in ex.text.rstrip("\n").splitlines():
            click.echo("    " + line)
        click.echo()


def _declared(rule_id: str, folder: Path | None) -> None:
    """One declarative rule of a rules folder, as its file says it: kind, language, level, message
    and forms."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..checks.house_style import HouseStyle, form_pairs
    from ..engine.rule_files import CODE, load_rules
    from ..resources import rules_dir

    folder = folder or rules_dir()
    if not folder.is_dir():
        raise InputError(_("{folder}: rules folder not found").format(folder=folder))
    found = [r for r in load_rules(folder) if r.id == rule_id.lower()]
    if not found:
        raise InputError(_("unknown rule '{rule}' (see 'tmcheck rules {code}')").format(rule=rule_id, code=CODE))
    r = found[0]
    click.echo(f"{r.id} ({CODE} house-style) [{r.level or HouseStyle.severity}]\n")
    click.echo(f"Kind: {r.kind}; language: {r.lang}; case: {'ignored' if r.ignorecase else 'as written'}")
    click.echo(f"Message: {r.message}\n")
    arrow = {"substitution": " -> ", "consistency": " / "}.get(r.kind)
    click.echo("Forms:")
    for form, other in form_pairs(r):
        click.echo("    " + (form + arrow + other if arrow and other else form))
    if r.exceptions:
        click.echo("Exceptions: " + "; ".join(r.exceptions))
