"""Each rule documents itself; its bad examples must fire and its good ones stay clean."""

from __future__ import annotations

import pytest

from conftest import lint_pair, lint_text
from tmcheck.checks.base import split_pair_example
from tmcheck.engine.registry import Registry, registry


def _examples():
    for rule in registry():
        for i, ex in enumerate(rule.doc.examples):
            yield pytest.param(rule, ex, id=f"{rule.code}-{ex.kind}-{ex.lang}-{i}")


@pytest.mark.parametrize("rule,example", list(_examples()))
def test_documented_example(rule, example):
    # TM001 judges suppressions, so the rules they suppress must run too.
    select = None if rule.code == "TM001" else [rule.code]
    if rule.scope == "pair":
        source, target = split_pair_example(example.text)
        found = [f for f in lint_pair(source, target, example.lang, select) if f.code == rule.code]
    else:
        found = [f for f in lint_text(example.text, example.lang, select) if f.code == rule.code]
    if example.kind == "bad":
        assert found, f"{rule.code}: the bad example does not fire:\n{example.text}"
    else:
        assert not found, f"{rule.code}: the good example fires: {[f.message for f in found]}"


def test_every_rule_is_documented():
    for rule in registry():
        assert rule.doc.summary and rule.doc.why
        assert {(e.kind, e.lang) for e in rule.doc.examples} >= {("bad", "fr"), ("good", "fr"), ("bad", "en"), ("good", "en")}, rule.code


def test_registry_refuses_duplicates():
    rules = list(registry())
    with pytest.raises(ValueError, match="duplicate rule code"):
        Registry(rules + [rules[0]])

    class Clone(rules[1]):
        __doc__ = rules[1].__doc__
        code = "TM999"
    with pytest.raises(ValueError, match="duplicate rule name"):
        Registry(rules + [Clone])


def test_rule_without_examples_is_refused():
    from tmcheck.checks.base import Rule

    with pytest.raises(TypeError, match="docstring"):
        class Undocumented(Rule):  # noqa: F841
            """Says what, but not why nor how."""
            code = "TM998"
            name = "undocumented-rule"
            severity = "info"


def test_the_rule_table_is_the_rules():
    """The table the engine reads without importing a check says what each class says, and lists
    every class of every check module."""
    import importlib
    import pkgutil

    import tmcheck.checks
    from tmcheck.engine.registry import TABLE

    classes = {}
    for info in pkgutil.iter_modules(tmcheck.checks.__path__):
        module = importlib.import_module(f"tmcheck.checks.{info.name}")
        for rule in getattr(module, "RULES", ()):
            classes[rule.code] = (rule.code, rule.name, rule.scope, info.name)
    assert sorted(classes.values()) == sorted(tuple(row)[:4] for row in TABLE)


def test_a_plain_draft_imports_no_pair_rule(tmp_path):
    from cli_helpers import imports_of_cli

    draft = tmp_path / "d.md"
    draft.write_text("La réunion s'ouvrira le lundi 17 octobre 2016.\n", encoding="utf-8")
    r, imported = imports_of_cli("lint", str(draft))
    assert imported, r.stderr
    assert sorted(m for m in imported if m.startswith('tmcheck.checks.pair') or m == 'tmcheck.checks.consistency') == []


def test_families_by_name():
    from tmcheck.engine.registry import registry

    assert {r.code for r in registry().matches("acronyms")} == {r.code for r in registry().matches("TM1")}
