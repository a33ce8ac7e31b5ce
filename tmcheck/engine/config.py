"""Configuration: ``tmcheck.toml`` (or ``[tool.tmcheck]`` in pyproject.toml) found upward from a
draft, or the file given with ``--config``.

    select = ["TM1", "TM2"]          # codes, names or families; default: every rule
    ignore = ["TM402"]
    fail-on = "warning"              # error | warning | info
    lang = "auto"                    # fr | en | auto
    glossary = "../glossary"         # relative to this file
    rules = "../rules"
    [severity]                       # by code, prefix, name or family; the narrower wins
    TM303 = "info"
    dates = "warning"
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..i18n import _, quoted
from ..findings import SEVERITIES
from ..records import NEW, Record


KEYS = {"select", "ignore", "fail-on", "lang", "glossary", "rules", "severity"}


class Config(Record):
    FIELDS = ("path", "select", "ignore", "severity", "fail_on", "lang", "glossary", "rules", "levels")

    def __init__(self, path: Path | None = None, select: list[str] | None = None, ignore: list[str] = NEW,
                 severity: dict[str, str] = NEW, fail_on: str | None = None, lang: str | None = None,
                 glossary: Path | None = None, rules: Path | None = None, levels: dict[str, str] | None = None):
        self.path = path
        self.select = select
        self.ignore = [] if ignore is NEW else ignore
        self.severity = {} if severity is NEW else severity
        self.fail_on = fail_on
        self.lang = lang
        self.glossary = glossary
        self.rules = rules
        self.levels = levels  # severity by code, resolved by the engine (Linter.levels)


def find_config(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        candidate = d / "tmcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and "[tool.tmcheck" in _read(pyproject, errors="replace"):
            return pyproject
    return None


MAX_BYTES = 1024 * 1024  # a config file is a few lines; a megabyte is not one


def _read(path: Path, errors: str = "strict") -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(_("{path}: config file too large ({size} bytes; the limit is {MAX_BYTES})").format(
                path=path, size=size, MAX_BYTES=MAX_BYTES))
        return path.read_text(encoding="utf-8", errors=errors)
    except FileNotFoundError:
        raise InputError(_("{path}: config file not found").format(path=path)) from None
    except IsADirectoryError:
        raise InputError(_("{path}: is a folder, not a config file").format(path=path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(_("{path}: invalid TOML (not UTF-8: byte offset {start})").format(
            path=path, start=exc.start)) from None
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=path, reason=exc.strerror or exc)) from None


def load_config(path: Path) -> Config:
    try:  # only when there is a config file
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    from .. import shapes

    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(_("{path}: invalid TOML ({reason})").format(
            path=path, reason=' '.join(str(exc).split()))) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise InputError(_("{path}: invalid TOML (arrays or tables nested too deeply)").format(path=path)) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tmcheck", {})
        if not isinstance(data, dict):
            raise InputError(_("{path}: [tool.tmcheck] must be a table").format(path=path))
    unknown = set(data) - KEYS
    if unknown:
        raise InputError(_("{path}: unknown setting(s) {unknown} (known: {known})").format(
            path=path, unknown=', '.join(quoted(k) for k in sorted(unknown, key=repr))[:300],
            known=', '.join(sorted(KEYS))))
    problem = shapes.problem(data, shapes.CONFIG)
    if problem:
        line = _line_of(text, str(problem.path[0])) if problem.path else None
        raise InputError(_("{path}{line}: {problem}").format(
            path=path, line=f':{line}' if line else '', problem=problem))
    cfg = Config(path=path)

    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        return [value] if isinstance(value, str) else value

    if "select" in data:
        cfg.select = strings("select")
    cfg.ignore = strings("ignore")
    for key, level in data.get("severity", {}).items():
        cfg.severity[key] = level
    if "fail-on" in data:
        cfg.fail_on = data["fail-on"]
    if "lang" in data:
        cfg.lang = data["lang"]
    for key in ("glossary", "rules"):
        if key in data:
            try:
                setattr(cfg, key, (path.parent / data[key]).resolve())
            except (OSError, RuntimeError) as exc:  # a name too long, a loop of symbolic links
                raise InputError(_("{path}: '{key}' cannot be resolved ({reason})").format(
                    path=path, key=key, reason=getattr(exc, 'strerror', None) or exc)) from None
    return cfg


def _line_of(text: str, key: str) -> int | None:
    """The line where a top-level setting is written (tomllib keeps no positions)."""
    k = re.escape(key)
    m = re.search(rf"(?m)^[ \t]*(?:(?:{k}|\"{k}\")[ \t]*=|\[[ \t]*{k}[ \t]*\])", text)
    return text.count("\n", 0, m.start()) + 1 if m else None
