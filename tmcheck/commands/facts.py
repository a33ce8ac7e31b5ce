"""``tmcheck facts``: what a draft says about its meetings, documents and agenda items, every place
that says it, and where two places disagree (loaded only when run)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from ..i18n import _


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(["fr", "en", "auto"]), default=None,
              help="Language of the drafts (default: detected per file).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--glossary", type=click.Path(path_type=Path), default=None, help="Glossary folder (default: the bundled one).")
@click.option("--config", type=click.Path(path_type=Path), default=None, help="Config file (default: tmcheck.toml, found upward).")
@click.option("--source", type=click.Path(path_type=Path), default=None,
              help="The source document of the draft: show the facts of both.")
@click.option("--source-lang", type=click.Choice(["fr", "en"]), default=None)
@click.option("--target-lang", type=click.Choice(["fr", "en"]), default=None)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to this file.")
def facts(paths, lang, fmt, glossary, config, source, source_lang, target_lang, output):
    """Show each meeting (dates, venue, report), document (symbols, titles as cited) and agenda
    item (its title in every place) of a draft, every place that states it, and the conflicts."""
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..documents import collect_drafts
    from ..engine import Linter, Options
    from ..facts.model import Facts
    from ..report.facts import facts_data, render_facts

    if source is not None and not source.is_file():
        raise InputError(_("{path}: no such file (--source)").format(path=source))
    linter = Linter(Options(lang=lang, glossary=glossary, config=config, source=source, source_lang=source_lang,
                            target_lang=target_lang))
    drafts = [Path(p) for p in paths] if source is not None else collect_drafts(list(paths))
    data = []
    for draft in drafts:
        for analysis in linter.analyse(draft):
            data.append(facts_data(Facts.of(analysis)))
    text = render_facts(data, fmt)
    if output:
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..atomic import write_atomically

        write_atomically(output, text + "\n")
    else:
        click.echo(text)
