"""TM401, TM402: terminology — forbidden variants from the glossary, house style from rules/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, NamedTuple

from ..cache import cached
from ..errors import InputError
from ..lang.text import as_written, lowered, trie_pattern
from ..resources import rules_dir
from ..facts.analysis import Analysis
from ..i18n import N_, _
from .base import Rule


class ForbiddenTerm(Rule):
    """A variant of an official title or term that the glossary marks as wrong.

    Why:
        Terminologists record the wrong forms translators really produce ("Office des Nations
        Unies contre la drogue et les crimes", "United Nations Office for Drugs and Crime"); each
        one found is an error with a known fix.

    Fix:
        Write the official form given as suggestion.

    Bad (fr):
        Le rapport de l'Office des Nations Unies contre la drogue et les crimes est publié.

    Good (fr):
        Le rapport de l'Office des Nations Unies contre la drogue et le crime est publié.

    Bad (en):
        The report of the United Nations Office for Drugs and Crime is published.

    Good (en):
        The report of the United Nations Office on Drugs and Crime is published.
    """

    code = "TM401"
    name = "forbidden-term"
    severity = "error"
    local = True

    def check(self, analysis: Analysis):
        g = analysis.glossary
        for p in analysis.paragraphs:
            for t in analysis.terms(p):
                if t.role != "forbidden":
                    continue
                right = g.entry(t.entry_id).side(analysis.lang).term
                written = p.text[t.start:t.end]
                right = as_written(right, written)
                yield self.finding(analysis, p, t.start, t.end,
                                   _("'{written}' is a wrong form of '{right}'").format(written=written, right=right),
                                   right)



class Substitution(NamedTuple):
    id: str
    lang: str
    level: str | None
    message: str
    swap: dict[str, str]
    pattern: re.Pattern
    exceptions: tuple[str, ...]
    ignorecase: bool


def load_rules(folder: Path) -> list[Substitution]:
    files = sorted(folder.glob("*.yaml"))
    if not files:
        return []
    return cached("rules", files, lambda: _parse_rules(files))


def _parse_rules(files: list[Path]) -> list[Substitution]:
    # YAML and the shapes only on a cache miss: a warm lint never parses the rules (start-up cost)
    import yaml

    from .. import safe_yaml, shapes

    out = []
    seen = set()
    for f in files:
        try:
            node, data = safe_yaml.load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            line, problem = safe_yaml.problem(exc)
            raise InputError(f"{f}{f':{line}' if line else ''}: invalid rules file ({problem})") from None
        except UnicodeDecodeError:
            raise InputError(f"{f}: invalid rules file (not UTF-8)") from None
        except OSError as exc:
            raise InputError(f"{f}: cannot read ({exc.strerror or exc})") from None
        data = {} if data is None else data
        problem = shapes.problem(data, shapes.RULES_FILE)
        if problem:
            line = safe_yaml.node_line(node, problem.path)
            raise InputError(f"{f}{f':{line}' if line else ''}: invalid rules file: {problem}")
        for i, raw in enumerate(data.get("rules") or []):
            where = f"{f}:{safe_yaml.node_line(node, ['rules', i])}"
            rid = raw["id"]
            if rid in seen:
                raise InputError(f"{where}: duplicate rule id {rid!r}")
            seen.add(rid)
            swap = {str(k): str(v) for k, v in raw["swap"].items()}
            message = raw.get("message") or _DEFAULT_MESSAGE
            if not _placeholders_known(message):
                raise InputError(f"{where}: rule {rid!r}: the message may name {{wrong}} and {{right}} only "
                                 "(write {{ and }} for braces)")
            flags = re.I if raw.get("ignorecase") else 0
            alternatives = "|".join(re.escape(k) for k in sorted(swap, key=len, reverse=True))
            pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)
            out.append(Substitution(rid, raw["lang"], raw.get("level"), message, swap, pattern,
                                    tuple(str(x) for x in raw.get("exceptions") or ()), bool(flags)))
    return out


# The bundled rules' messages are in the message catalogs too (.ci/messages.py reads them from
# rules/*.yaml), translated when a finding is made; a team's own rules are shown as written.
_DEFAULT_MESSAGE = N_("write '{right}', not '{wrong}'")


def _placeholders_known(message: str) -> bool:
    """Whether ``message.format(wrong=..., right=...)`` can only succeed."""
    import string  # only when the rules are parsed: a warm lint reads them from the cache

    try:
        fields = [f for _, f, spec, _ in string.Formatter().parse(message) if f is not None or spec]
    except ValueError:  # a lone "{" or "}"
        return False
    return all(f in ("wrong", "right") for f in fields)


class HouseStyle(Rule):
    """A form the UN editorial manuals replace, from the declarative rules in rules/*.yaml
    (Vale-style substitutions: "percent" -> "per cent", "Nations-Unies" -> "Nations Unies").

    Why:
        UN documents follow one house style in each language; a draft that departs from it costs the
        editor a round trip. The substitutions live as data so that editors can extend them.

    Fix:
        Write the house form given as suggestion.

    Bad (fr):
        L'Etat partie a informé le Secrétaire Général de sa décision.

    Good (fr):
        L'État partie a informé le Secrétaire général de sa décision.

    Bad (en):
        The program reached 20 percent of States parties.

    Good (en):
        The programme reached 20 per cent of States parties and used a computer program.
    """

    code = "TM402"
    name = "house-style"
    severity = "warning"
    local = True

    def check(self, analysis: Analysis):
        folder = analysis.options.get("rules_dir") or rules_dir()
        rules = [r for r in load_rules(Path(folder)) if r.lang == analysis.lang]
        if not rules:
            return
        # One pass over each paragraph with every rule's forms at once; the few paragraphs that
        # hold one are then read rule by rule.
        anyone = _any_form(rules)
        paragraphs = [p for p in analysis.paragraphs if anyone(p.text)]
        for rule in rules:
            lookup = {k.lower(): v for k, v in rule.swap.items()} if rule.ignorecase else rule.swap
            for p in paragraphs:
                for m in rule.pattern.finditer(p.text):
                    if rule.exceptions and _in_exception(p.text, m.start(), m.end(), rule.exceptions):
                        continue
                    # A glossary variant is reported once, by TM401, with the whole official title.
                    if any(t.role == "forbidden" and t.start < m.end() and m.start() < t.end for t in analysis.terms(p)):
                        continue
                    wrong = m.group(0)
                    right = lookup[wrong.lower() if rule.ignorecase else wrong]
                    if wrong[:1].isupper() and right[:1].islower():
                        right = right[0].upper() + right[1:]
                    f = self.finding(analysis, p, m.start(), m.end(), _(rule.message).format(wrong=wrong, right=right), right)
                    if rule.level:
                        f.severity = rule.level
                    yield f


_ANY_FORM: dict[tuple, Callable[[str], bool]] = {}


def _any_form(rules: list[Substitution]) -> Callable[[str], bool]:
    """Whether a text holds a form that one of ``rules`` replaces. Every form in lower case is first
    looked for in the lowercased text, word ends only: most texts have none, and that search costs
    a fifth of the rules' own patterns together (case-insensitive ones, with lookbehinds), which
    then read the few texts it lets through."""
    key = tuple((r.pattern.pattern, r.ignorecase) for r in rules)
    found = _ANY_FORM.get(key)
    if found is None:
        exact = re.compile("|".join(f"(?:{pattern})" if not ignorecase else f"(?i:{pattern})" for pattern, ignorecase in key))
        forms = sorted({k.lower() for r in rules for k in r.swap})
        # See lowered(): only forms of Latin letters may be looked for in lowercased text.
        latin = all(ch <= "\u024f" for form in forms for ch in form)
        hint = re.compile("(?:" + trie_pattern(forms) + r")(?![\w-])") if latin and all(forms) else None

        def found(text: str) -> bool:
            low = lowered(text) if hint else None
            if low is not None and not hint.search(low):
                return False
            return exact.search(text) is not None

        _ANY_FORM[key] = found
    return found


def _in_exception(text: str, start: int, end: int, exceptions: tuple[str, ...]) -> bool:
    low = text.lower()
    for phrase in exceptions:
        ph = phrase.lower()
        i = low.find(ph, max(0, start - len(ph)))
        while i != -1 and i <= start:
            if i + len(ph) >= end:
                return True
            i = low.find(ph, i + 1)
    return False


RULES = [ForbiddenTerm, HouseStyle]
