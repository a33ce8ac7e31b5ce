"""``tmcheck rules``: the rule reference, generated from the rules' own documentation."""

from __future__ import annotations

import click

from ..errors import InputError
from ..i18n import _


@click.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: the rule reference as README.md holds it (one table, generated).")
def rules(code, fmt):
    """List every rule, or those of a family (tmcheck rules acronyms, tmcheck rules TM2), or explain
    one (tmcheck rules TM201, tmcheck rules weekday-mismatch)."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..engine.registry import FIX_SAFETY, registry

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
