"""The declarative rules of a rules folder (rules/*.yaml; ``--rules``, ``rules =`` in the config):
read, checked, and chosen here, then handed to TM402 (checks/house_style.py), which never reads a file.

A rule's id is namespaced by its file: the rule ``en-per-cent`` of ``house-style.yaml`` is
``house-style.en-per-cent``, as Vale names a rule by its style and its own name. Ids and file names
are lower-case letters, digits and hyphens, so that an id, with its one
dot, is told from a code (TM402), a rule name (house-style) and a family (terminology) wherever rules
are named: ``--select``, ``--ignore``, ``[severity]``, ``<!-- tmcheck: ignore ... -->`` and review
decisions. Every declarative rule reports under TM402: selecting or ignoring TM402 (or TM4,
house-style, terminology) selects or ignores them all.

Everything about a rule is checked when its file is read, and the first problem ends the run with
one line naming the file, the line and the rule: an unknown kind, level or key, a kind's key missing,
a message naming a placeholder the kind does not give.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..cache import cached
from ..checks.house_style import COMMON_KEYS, KINDS, DeclaredRule, HouseStyle, build, forms_of
from ..errors import InputError
from ..i18n import _, quoted

CODE = HouseStyle.code  # the code every declarative rule reports under

_PART = r"[a-z][a-z0-9-]*"
ID = re.compile(_PART)  # a rule's id in its file; a rules file's name without .yaml
QUALIFIED = re.compile(rf"{_PART}\.{_PART}")


def is_rule_id(word: str) -> bool:
    """Whether a selector names one declarative rule (house-style.en-per-cent), not a code, name
    or family of the rule table."""
    return QUALIFIED.fullmatch(word.lower()) is not None


def load_rules(folder: Path) -> list[DeclaredRule]:
    """Every rule of the folder's *.yaml files, file by file (by name), in each file's order."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        return []
    return cached("declared-rules", files, lambda: _parse(files))


def _parse(files: list[Path]) -> list[DeclaredRule]:
    # YAML and the shapes only on a cache miss: a warm lint never parses the rules (start-up cost)
    import yaml

    from .. import safe_yaml, shapes

    out = []
    for f in files:
        if not ID.fullmatch(f.stem):
            raise InputError(_("{path}: a rules file's name is the namespace of its rules' ids ({stem}.ID): write it "
                               "in lower-case letters, digits and hyphens (house-style.yaml)").format(path=f, stem=f.stem))
        try:
            node, data = safe_yaml.load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            line, problem = safe_yaml.problem(exc)
            raise InputError(_("{path}{line}: invalid rules file ({problem})").format(
                path=f, line=f':{line}' if line else '', problem=problem)) from None
        except UnicodeDecodeError:
            raise InputError(_("{path}: invalid rules file (not UTF-8)").format(path=f)) from None
        except OSError as exc:
            raise InputError(_("{path}: cannot read ({reason})").format(path=f, reason=exc.strerror or exc)) from None
        data = {} if data is None else data
        problem = shapes.problem(data, shapes.RULES_FILE)
        if problem:
            line = safe_yaml.node_line(node, problem.path)
            raise InputError(_("{path}{line}: invalid rules file: {rule}{problem}").format(
                path=f, line=f':{line}' if line else '', rule=_rule_named(data, problem.path), problem=problem))
        seen: set[str] = set()
        for i, raw in enumerate(data.get("rules") or []):
            def where(*path) -> str:
                return _("{path}: rule {id}").format(path=f"{f}:{safe_yaml.node_line(node, ['rules', i, *path])}",
                                                        id=quoted(raw["id"]))

            if not ID.fullmatch(raw["id"]):
                raise InputError(_("{path}: an id is lower-case letters, digits and hyphens (en-per-cent)").format(
                    path=where('id')))
            kind_name = raw["extends"]
            kind = KINDS[kind_name]
            known = (*COMMON_KEYS, kind.key)
            unknown = [k for k in raw if k not in known]
            if unknown:
                raise InputError(_("{where}: unknown key {key!r} for a rule that extends {kind_name} (known: {known})").format(
                    where=where(unknown[0]), key=unknown[0], kind_name=kind_name, known=', '.join(known)))
            if kind.key not in raw:
                raise InputError(_("{where}: a rule that extends {kind_name} needs '{key}'").format(
                    where=where(), kind_name=kind_name, key=kind.key))
            rid = f"{f.stem}.{raw['id']}"
            if rid in seen:
                raise InputError(_("{where}: duplicate rule id {id!r}").format(where=where('id'), id=raw['id']))
            seen.add(rid)
            message = raw.get("message") or None
            if message is not None and not _placeholders_known(message, kind.placeholders):
                names = " and ".join("{" + p + "}" for p in kind.placeholders)
                raise InputError(_("{path}: the message may name {names} only (write {{{{ and }}}} for braces)").format(
                    path=where('message'), names=names))
            out.append(build(rid, kind_name, raw["lang"], raw.get("level"), message,
                             forms_of(kind_name, raw[kind.key]), (str(x) for x in raw.get("exceptions") or ()),
                             bool(raw.get("ignorecase"))))
    return out


def _rule_named(data, path: list) -> str:
    """"rule 'x': " where a problem of the file is inside a rule that has an id."""
    if len(path) >= 2 and path[0] == "rules" and str(path[1]).isdigit():
        raw = data["rules"][int(path[1])]
        if isinstance(raw, dict) and isinstance(raw.get("id"), str) and path[2:] != ["id"]:
            return _("rule {id}: ").format(id=quoted(raw["id"]))
    return ""


def _placeholders_known(message: str, placeholders: tuple[str, ...]) -> bool:
    """Whether ``message.format(**{p: ...})`` can only succeed."""
    import string  # only when the rules are parsed: a warm lint reads them from the cache

    try:
        fields = [f for _, f, spec, _ in string.Formatter().parse(message) if f is not None or spec]
    except ValueError:  # a lone "{" or "}"
        return False
    return all(f in placeholders for f in fields)


def chosen(rules: list[DeclaredRule], select: list[str] | None, ignore: Iterable[str],
           whole: bool) -> tuple[DeclaredRule, ...]:
    """The rules a run hands to TM402: all of them when ``whole`` (TM402 itself is selected, by
    code, name or family, or nothing is selected), else those ``select`` names by id; never those
    ``ignore`` names by id."""
    wanted = None if whole else {s.lower() for s in select or () if is_rule_id(s)}
    dropped = {s.lower() for s in ignore if is_rule_id(s)}
    return tuple(r for r in rules if (wanted is None or r.id in wanted) and r.id not in dropped)


def unknown_ids(rules: list[DeclaredRule], keys: Iterable[str]) -> list[str]:
    """The rule ids among ``keys`` that no rule of ``rules`` has."""
    known = {r.id for r in rules}
    return [k for k in keys if is_rule_id(k) and k.lower() not in known]
