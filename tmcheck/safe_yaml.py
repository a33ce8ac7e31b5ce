"""YAML from users' files (glossary, rules, review decisions, proposals), read within bounds.

libyaml's composer recurses in C once per level of nesting: a file of 100,000 "[" ends the process
with a segmentation fault, and PyYAML's own composer ends in a RecursionError at a few hundred. An
alias ("*a") makes one node stand for many: nine levels of nine aliases are a billion nodes to
whoever walks the data. None of tmcheck's files nests deeper than a few levels or needs an alias.
So the event stream, which libyaml produces without recursion, is read first: deeper nesting than
MAX_DEPTH or any alias is refused there, with its line, before anything is composed.

Errors are yaml.YAMLError (with ``problem`` and ``problem_mark``), as PyYAML's own: callers report
them as they report a syntax error.
"""

from __future__ import annotations

from .i18n import _

MAX_DEPTH = 32  # a glossary entry is 4 deep; a review file 3


def _loader():
    # PyYAML only when a file is parsed: a lint with a warm cache parses none (start-up cost)
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refusal(problem: str, mark):
    # PyYAML only when a file is parsed: a lint with a warm cache parses none (start-up cost)
    import yaml

    class Refused(yaml.MarkedYAMLError):
        pass

    return Refused(problem=problem, problem_mark=mark)


def check_bounds(text: str, max_depth: int = MAX_DEPTH) -> None:
    """Raise a yaml.YAMLError at the first event nested deeper than ``max_depth`` or at the first
    alias; syntax errors are raised as the parser finds them."""
    # PyYAML only when a file is parsed: a lint with a warm cache parses none (start-up cost)
    import yaml

    depth = 0
    opening = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    closing = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, opening):
            depth += 1
            if depth > max_depth:
                raise _refusal(_("nested more than {n} levels deep").format(n=max_depth), event.start_mark)
        elif isinstance(event, closing):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            raise _refusal(_("aliases (*name) are not allowed in tmcheck files"), event.start_mark)


def compose(text: str, max_depth: int = MAX_DEPTH):
    """The node tree of ``text`` (None for an empty document), within bounds."""
    # PyYAML only when a file is parsed: a lint with a warm cache parses none (start-up cost)
    import yaml

    check_bounds(text, max_depth)
    return yaml.compose(text, Loader=_loader())


def load(text: str, max_depth: int = MAX_DEPTH):
    """(node tree, data) of ``text``, within bounds; (None, None) for an empty document."""
    node = compose(text, max_depth)
    if node is None:
        return None, None
    return node, _loader()(text).construct_document(node)


def node_line(node, path) -> int | None:
    """The 1-based line of the node at ``path`` (keys and list indexes) under ``node``, or of the
    deepest node of the path that exists."""
    # PyYAML only when a file is parsed: a lint with a warm cache parses none (start-up cost)
    import yaml

    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == str(step):
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode):
            try:
                child = node.value[int(step)]
            except (ValueError, IndexError):
                child = None
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def problem(exc) -> tuple[int | None, str]:
    """The 1-based line (if known) and the one-line problem of a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    text = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return (mark.line + 1 if mark else None), " ".join(str(text).split())
