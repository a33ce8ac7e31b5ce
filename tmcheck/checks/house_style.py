"""TM402: house style, from the declarative rules of rules/*.yaml (Vale's model: rules as data).

Each declarative rule has its own id, ``<file name without .yaml>.<id>`` (``house-style.en-per-cent``
for the rule ``en-per-cent`` of rules/house-style.yaml), that --select, --ignore, inline
suppressions, review decisions and the reports use; all of them are reported under the one code
TM402, so that ``--select TM402`` still means every house-style rule. The engine reads the files
(engine/rule_files.py) and hands the rules to this check, which never reads a file.
"""

from __future__ import annotations

import re
from typing import Callable

from ..facts.analysis import Analysis
from ..i18n import N_, _
from ..lang.text import lowered, trie_pattern
from ..named_tuples import NamedTuple
from .base import Rule


class Kind(NamedTuple):
    """A kind of declarative rule (``extends:``), as the rule reference and the YAML header tell it."""

    key: str  # the key that holds its forms
    placeholders: tuple[str, ...]  # what its message may name
    default_message: str
    summary: str  # what it flags, for the rule reference


# The bundled rules' messages are in the message catalogs too (.ci/messages.py reads them from
# rules/*.yaml), translated when a finding is made; a team's own rules are shown as written.
KINDS = {
    "substitution": Kind(
        "swap", ("wrong", "right"), N_("write '{right}', not '{wrong}'"),
        "`swap: {wrong: right}`: each wrong form is flagged, with the right one as suggestion (a safe fix). "
        "Message placeholders: `{wrong}`, `{right}`."),
    "existence": Kind(
        "tokens", ("wrong",), N_("avoid '{wrong}'"),
        "`tokens: [form, ...]`: each form is flagged wherever it is written; no suggestion. "
        "Message placeholder: `{wrong}`."),
    "consistency": Kind(
        "either", ("wrong", "right"), N_("this document also writes '{right}': use one form throughout, not '{wrong}'"),
        "`either: {a: b}`: a document may write a or b, not both; where it writes both, the form it writes less "
        "often (on a tie, the later one) is flagged, with the other as suggestion (unsafe: a human decides) and "
        "its first place as related. Message placeholders: `{wrong}`, `{right}`."),
}
# Keys every kind takes besides its own (KINDS[kind].key).
COMMON_KEYS = ("id", "extends", "lang", "level", "message", "ignorecase", "exceptions")


class DeclaredRule(NamedTuple):
    """One rule of rules/*.yaml, as the engine read and checked it."""

    id: str  # namespaced: <file stem>.<id in the file>
    kind: str  # substitution | existence | consistency
    lang: str
    level: str | None  # the finding's severity; None: TM402's
    message: str
    # Each form (lower-cased when ignorecase) with its counterpart: the right form of a substitution,
    # the other form of a consistency pair, "" for an existence token.
    forms: dict[str, str]
    pattern: re.Pattern
    exceptions: tuple[str, ...]
    ignorecase: bool


def build(rule_id: str, kind: str, lang: str, level: str | None, message: str | None, forms: dict[str, str],
          exceptions=(), ignorecase: bool = False) -> DeclaredRule:
    """A declarative rule with its pattern: any of its forms, as whole words."""
    flags = re.I if ignorecase else 0
    alternatives = "|".join(re.escape(k) for k in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)
    keyed = {(k.lower() if ignorecase else k): v for k, v in forms.items()}
    return DeclaredRule(rule_id, kind, lang, level, message or KINDS[kind].default_message, keyed, pattern,
                        tuple(exceptions), ignorecase)


def forms_of(kind: str, value) -> dict[str, str]:
    """The forms table of a rule from its kind's key: ``swap`` as it is, ``tokens`` each with "",
    ``either`` both ways."""
    if kind == "existence":
        return {str(t): "" for t in value}
    table = {str(k): str(v) for k, v in value.items()}
    if kind == "consistency":
        return {**{v: k for k, v in table.items()}, **table}
    return table


def form_pairs(rule: DeclaredRule) -> list[tuple[str, str]]:
    """The rule's forms as a reference lists them: (form, its counterpart or ""), a consistency
    pair once although the table holds it both ways."""
    out, seen = [], set()
    for form, other in rule.forms.items():
        if rule.kind == "consistency":
            if frozenset((form, other)) in seen:
                continue
            seen.add(frozenset((form, other)))
        out.append((form, other))
    return out


class HouseStyle(Rule):
    """A form the house style of UN documents replaces, avoids or keeps consistent, from the
    declarative rules of rules/*.yaml (Vale-style: "percent" -> "per cent", "Nations-Unies" -> "Nations
    Unies"), each with its own id (house-style.en-per-cent).

    Why:
        UN documents follow one house style in each language; a draft that departs from it costs the
        editor a round trip. The rules live as data so that editors can extend them.

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
    # A consistency rule compares the whole document; substitutions and existence rules alone are
    # local, but one class reports them all (see the runner: a non-local rule sees the whole file).
    local = False

    def check(self, analysis: Analysis):
        # The rules the engine selected (see engine/rule_files.py), in file order.
        rules = [r for r in analysis.options.get("house_rules") or () if r.lang == analysis.lang]
        if not rules:
            return
        # One pass over each paragraph with every rule's forms at once; the few paragraphs that
        # hold one are then read rule by rule.
        anyone = _any_form(rules)
        paragraphs = [p for p in analysis.paragraphs if anyone(p.text)]
        for rule in rules:
            hits = list(_hits(analysis, rule, paragraphs))
            if rule.kind == "consistency":
                yield from self._inconsistent(analysis, rule, hits)
                continue
            for p, m, form in hits:
                wrong = m.group(0)
                right = _cased(rule.forms[form], wrong)
                message = _(rule.message).format(wrong=wrong, right=right)
                f = self.finding(analysis, p, m.start(), m.end(), message, right if rule.kind == "substitution" else None)
                yield self._declared(f, rule)

    def _inconsistent(self, analysis: Analysis, rule: DeclaredRule, hits):
        """The forms of each pair the document writes less often (on a tie, the later one)."""
        by_pair: dict[tuple[str, str], list] = {}
        for hit in hits:
            form = hit[2]
            other = rule.forms[form]
            by_pair.setdefault(tuple(sorted((form, other.lower() if rule.ignorecase else other))), []).append(hit)
        for pair_hits in by_pair.values():
            count: dict[str, int] = {}
            first: dict[str, int] = {}
            for i, (_p, _m, form) in enumerate(pair_hits):
                count[form] = count.get(form, 0) + 1
                first.setdefault(form, i)
            if len(count) < 2:
                continue
            kept = max(count, key=lambda form: (count[form], -first[form]))
            p0, m0, _f = pair_hits[first[kept]]
            for p, m, form in pair_hits:
                if form == kept:
                    continue
                wrong = m.group(0)
                right = _cased(m0.group(0), wrong)
                related = self.related(analysis, p0, m0.start(), m0.end(),
                                       _("'{form}' is written here").format(form=m0.group(0)))
                f = self.finding(analysis, p, m.start(), m.end(), _(rule.message).format(wrong=wrong, right=right),
                                 right, [related])
                f.applicability = "unsafe"  # which form the document should keep is the editor's choice
                yield self._declared(f, rule)

    @staticmethod
    def _declared(f, rule: DeclaredRule):
        f.rule_id = rule.id
        if rule.level:
            f.severity = rule.level
        return f


def _hits(analysis: Analysis, rule: DeclaredRule, paragraphs):
    """(paragraph, match, form key) of each of ``rule``'s forms, in document order, outside its
    exceptions and outside glossary variants (TM401 reports those once, with the whole official title)."""
    for p in paragraphs:
        for m in rule.pattern.finditer(p.text):
            if rule.exceptions and _in_exception(p.text, m.start(), m.end(), rule.exceptions):
                continue
            if any(t.role == "forbidden" and t.start < m.end() and m.start() < t.end for t in analysis.terms(p)):
                continue
            wrong = m.group(0)
            yield p, m, wrong.lower() if rule.ignorecase else wrong


def _cased(right: str, wrong: str) -> str:
    """``right`` with a capital where ``wrong`` has one (at the start of a sentence)."""
    if wrong[:1].isupper() and right[:1].islower():
        return right[0].upper() + right[1:]
    return right


_ANY_FORM: dict[tuple, Callable[[str], bool]] = {}


def _any_form(rules: list[DeclaredRule]) -> Callable[[str], bool]:
    """Whether a text holds a form that one of ``rules`` names. Every form in lower case is first
    looked for in the lowercased text, word ends only: most texts have none, and that search costs
    a fifth of the rules' own patterns together (case-insensitive ones, with lookbehinds), which
    then read the few texts it lets through."""
    key = tuple((r.pattern.pattern, r.ignorecase) for r in rules)
    found = _ANY_FORM.get(key)
    if found is None:
        exact = re.compile("|".join(f"(?:{pattern})" if not ignorecase else f"(?i:{pattern})" for pattern, ignorecase in key))
        forms = {k.lower() for r in rules for k in r.forms}
        # A form that ends with another is found by it ("l’implémentation" by "implémentation"):
        # fewer first letters for the search to try at each place.
        forms = sorted(f for f in forms if not any(f[k:] in forms for k in range(1, len(f))))
        # See lowered(): only forms of Latin letters may be looked for in lowercased text, and
        # characters that have no case ("l’implémentation": ’ is its own capital).
        latin = all(ch <= "\u024f" or ch.lower() == ch.upper() == ch for form in forms for ch in form)
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


RULES = [HouseStyle]
