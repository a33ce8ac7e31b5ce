"""How the glossary commands find and read the glossary: the --glossary and --config options, the
folder they name, its entries (refused when the glossary has an error, as lint refuses it) and the
way an entry is shown."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from ..i18n import _, ngettext


def glossary_options(f):
    """--glossary and --config, the two ways a command is told which glossary to use."""
    f = click.option("--config", type=click.Path(path_type=Path), default=None,
                     help="Config file whose 'glossary' key names the folder (default: tmcheck.toml found upward).")(f)
    f = click.option("--glossary", "glossary_dir", type=click.Path(path_type=Path), default=None,
                     help="Glossary folder (default: the config's 'glossary', else the bundled one).")(f)
    return f


def glossary_folder(glossary_dir: Path | None, config: Path | None) -> Path:
    """The folder --glossary names, else the config's 'glossary', else the bundled one."""
    if glossary_dir is not None:
        return glossary_dir
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..engine.config import find_config, load_config

    path = config or find_config(Path.cwd())
    if path is not None:
        cfg = load_config(path)
        if cfg.glossary is not None:
            return cfg.glossary
    elif config is not None:
        raise InputError(_("{path}: config file not found").format(path=config))
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..resources import glossary_dir as bundled

    return bundled()


def glossary_report(folder: Path):
    # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
    from ..glossary.checks import validate_folder

    return validate_folder(folder)


def glossary_entries(folder: Path, may_be_empty: bool = False):
    """The glossary's entries as they are, refusing a glossary with an error (as lint does); a
    folder without glossary files yet is an empty glossary when ``may_be_empty`` (import, add)."""
    if may_be_empty:
        # only when the command runs: 'tmcheck --help' imports every command's module (start-up cost)
        from ..glossary.checks import read_texts, validate_texts

        if not folder.is_dir():
            raise InputError(_("{path}: glossary folder not found").format(path=folder))
        report = validate_texts(read_texts(folder))
    else:
        report = glossary_report(folder)
    if report.errors:
        first = report.errors[0]
        others = len(report.errors) - 1
        more = ngettext(" (and {n} more)", " (and {n} more)", others).format(n=others) if others else ""
        raise InputError(_("{path}: {message}{more}: see 'tmcheck glossary validate'").format(
            path=folder / first.where, message=first.message, more=more))
    return report.entries


def entry_json(e) -> dict:
    d = {"id": e.id, "kind": e.kind, "status": e.status}
    for lang in ("en", "fr"):
        side = e.side(lang)
        d[lang] = {"term": side.term, "acronym": side.acronym, "short": list(side.short), "forbidden": list(side.forbidden)}
    d.update(symbols=list(e.symbols), parent=e.parent, notes=e.notes, source=e.source)
    return d


def entry_label(e, lang: str) -> str:
    side = e.side(lang)
    return side.term + (f" ({side.acronym})" if side.acronym else "")


def echo_warnings(issues) -> None:
    for i in issues:
        click.echo(_("tmcheck: warning: {where}: {message}").format(where=i.where, message=i.message), err=True)
