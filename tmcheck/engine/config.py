"""Configuration: ``tmcheck.toml`` (or ``[tool.tmcheck]`` in pyproject.toml) found upward from a
draft, or the file given with ``--config``.

    select = ["TM1", "TM2"]          # codes, names or families; default: every rule
    ignore = ["TM402"]
    fail-on = "warning"              # error | warning | info
    lang = "auto"                    # fr | en | auto
    glossary = "../glossary"         # relative to this file
    rules = "../rules"
    [severity]
    TM303 = "info"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..findings import SEVERITIES


KEYS = {"select", "ignore", "fail-on", "lang", "glossary", "rules", "severity"}


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    lang: str | None = None
    glossary: Path | None = None
    rules: Path | None = None


def find_config(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        candidate = d / "tmcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and "[tool.tmcheck" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def load_config(path: Path) -> Config:
    try:  # only when there is a config file
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: invalid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tmcheck", {})
    unknown = set(data) - KEYS
    if unknown:
        raise InputError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(KEYS))})")
    cfg = Config(path=path)

    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{path}: '{key}' must be a list of rule codes")
        return value

    if "select" in data:
        cfg.select = strings("select")
    cfg.ignore = strings("ignore")
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise InputError(f"{path}: 'severity' must be a table of CODE = \"error|warning|info\"")
    for code, level in severity.items():
        if level not in SEVERITIES:
            raise InputError(f"{path}: severity of {code} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        cfg.severity[code.upper()] = level
    if "fail-on" in data:
        if data["fail-on"] not in SEVERITIES:
            raise InputError(f"{path}: 'fail-on' must be one of {', '.join(SEVERITIES)}")
        cfg.fail_on = data["fail-on"]
    if "lang" in data:
        if data["lang"] not in ("fr", "en", "auto"):
            raise InputError(f"{path}: 'lang' must be fr, en or auto")
        cfg.lang = data["lang"]
    for key in ("glossary", "rules"):
        if key in data:
            setattr(cfg, key, (path.parent / data[key]).resolve())
    return cfg
