"""The variables templates may use: checked in the templates, documented for editors.

The page templates receive ``render.CONTEXT`` and the archive page
``archive.CONTEXT``; the types there are the data model (``models.py``).
``check()`` reads every template's syntax tree and follows each variable
through attributes, items, loops and ``set`` to its type, reporting every
name or attribute the briefing does not provide with its file and line.
``templatedocs.document()`` writes the same knowledge as ``docs/templates.md``.
"""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import archive, message, render
from .config import Config

TEMPLATE_SUFFIXES = (".html", ".htm", ".css", ".xml", ".txt")
# Names Jinja itself provides inside templates.
JINJA_NAMES = frozenset({"loop", "self", "super", "varargs", "kwargs", "caller", "true", "false", "none",
                         "True", "False", "None"})
DOC_PATH = Path("docs/templates.md")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    expression: str
    reason: str

    def shown(self, root: Path) -> str:
        try:
            path = self.path.relative_to(root)
        except ValueError:
            path = self.path
        return f"{path}:{self.line}: {self.expression}: {self.reason}"


class _Method:
    """The type of a method reached by attribute: calling it gives ``returns``."""

    def __init__(self, returns: Any) -> None:
        self.returns = returns


def _unwrap(kind: Any) -> Any:
    """``X | None`` -> X."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        rest = [a for a in typing.get_args(kind) if a is not type(None)]
        return rest[0] if len(rest) == 1 else Any
    return kind


def _is_model(kind: Any) -> bool:
    return inspect.isclass(kind) and dataclasses.is_dataclass(kind)


def _hints(cls: type) -> dict[str, Any]:
    module = inspect.getmodule(cls)
    return typing.get_type_hints(cls, vars(module) if module else None)


def attribute_type(kind: Any, name: str) -> Any:
    """The type of ``kind.name``; raises AttributeError when a model type has no such attribute."""
    kind = _unwrap(kind)
    origin = typing.get_origin(kind)
    if origin is dict:
        return typing.get_args(kind)[1] if not hasattr(dict, name) else Any
    if not _is_model(kind):
        return Any
    hints = _hints(kind)
    if name in hints:
        return hints[name]
    member = inspect.getattr_static(kind, name, None)
    if isinstance(member, property):
        return typing.get_type_hints(member.fget, vars(inspect.getmodule(kind))).get("return", Any)
    if inspect.isfunction(member):
        return _Method(typing.get_type_hints(member, vars(inspect.getmodule(kind))).get("return", Any))
    raise AttributeError(name)


def element_type(kind: Any) -> Any:
    """The type of one element when iterating over ``kind``."""
    kind = _unwrap(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (tuple, list, set, frozenset) and args:
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return Any
        return args[0]
    if origin is dict and args:
        return args[0]
    return Any


def item_type(kind: Any) -> Any:
    """The type of ``kind[key]``."""
    kind = _unwrap(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is dict and args:
        return args[1]
    if origin in (tuple, list) and args and (origin is list or args[-1] is Ellipsis):
        return args[0]
    return Any


def type_name(kind: Any) -> str:
    if kind is Any:
        return "any"
    if kind is type(None):
        return "None"
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return " | ".join(type_name(a) for a in typing.get_args(kind))
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is not None:
        inner = ", ".join("..." if a is Ellipsis else type_name(a) for a in args)
        return f"{origin.__name__}[{inner}]"
    if isinstance(kind, _Method):
        return f"method returning {type_name(kind.returns)}"
    return getattr(kind, "__name__", str(kind))


def context_for(name: str) -> dict[str, tuple[Any, str]]:
    """The variables a template receives, by its file name."""
    if Path(name).name in (message.HTML_TEMPLATE, message.TEXT_TEMPLATE):
        return message.CONTEXT
    return archive.CONTEXT if Path(name).name == archive.TEMPLATE else render.CONTEXT


class _Walker:
    """Follows variables through one template's syntax tree to their types."""

    def __init__(self, path: Path, known: dict[str, Any], globals_: set[str]) -> None:
        self.path = path
        self.globals = globals_
        self.scopes: list[dict[str, Any]] = [dict(known)]
        self.problems: list[Problem] = []

    def lookup(self, name: str) -> tuple[bool, Any]:
        for scope in reversed(self.scopes):
            if name in scope:
                return True, scope[name]
        return name in self.globals or name in JINJA_NAMES, Any

    def bind(self, target, kind: Any) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = kind
        elif isinstance(target, nodes.Tuple):
            args = typing.get_args(_unwrap(kind))
            for n, sub in enumerate(target.items):
                fixed = typing.get_origin(_unwrap(kind)) is tuple and len(args) == len(target.items)
                self.bind(sub, args[n] if fixed else Any)
        elif isinstance(target, nodes.NSRef):
            pass

    def report(self, node, expression: str, reason: str) -> None:
        self.problems.append(Problem(self.path, node.lineno, expression, reason))

    def body(self, nodes_, new_scope: dict[str, Any] | None = None) -> None:
        self.scopes.append(dict(new_scope or {}))
        for node in nodes_:
            self.visit(node)
        self.scopes.pop()

    def visit(self, node) -> Any:
        """Walk ``node``; return the type of an expression (Any when unknown)."""
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return Any
            found, kind = self.lookup(node.name)
            if not found:
                self.report(node, node.name, "not a variable the briefing provides (see docs/templates.md)")
            return kind
        if isinstance(node, nodes.Getattr):
            kind = self.visit(node.node)
            try:
                return attribute_type(kind, node.attr)
            except AttributeError:
                expression = f"{_expression(node.node)}.{node.attr}"
                names = sorted(n for n in dir(_unwrap(kind)) if not n.startswith("_")) + \
                    [f.name for f in dataclasses.fields(_unwrap(kind))]
                self.report(node, expression,
                            f"{type_name(_unwrap(kind))} has no attribute {node.attr!r} "
                            f"(it has: {', '.join(sorted(set(names)))})")
                return Any
        if isinstance(node, nodes.Getitem):
            kind = self.visit(node.node)
            self.visit(node.arg)
            return item_type(kind)
        if isinstance(node, nodes.Call):
            kind = self.visit(node.node)
            for child in (*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs):
                if child is not None:
                    self.visit(child)
            return kind.returns if isinstance(kind, _Method) else Any
        if isinstance(node, nodes.For):
            element = element_type(self.visit(node.iter))
            scope: dict[str, Any] = {"loop": Any}
            self.scopes.append(scope)
            self.bind(node.target, element)
            if node.test is not None:
                self.visit(node.test)
            for child in node.body:
                self.visit(child)
            self.scopes.pop()
            self.body(node.else_)
            return Any
        if isinstance(node, nodes.Macro | nodes.CallBlock):
            scope = {arg.name: Any for arg in node.args}
            scope.update(varargs=Any, kwargs=Any, caller=Any)
            for default in node.defaults:
                self.visit(default)
            if isinstance(node, nodes.CallBlock):
                self.visit(node.call)
            if isinstance(node, nodes.Macro):
                self.scopes[-1][node.name] = Any
            self.body(node.body, scope)
            return Any
        if isinstance(node, nodes.Assign):
            self.bind(node.target, self.visit(node.node))
            return Any
        if isinstance(node, nodes.AssignBlock):
            self.body(node.body)
            self.bind(node.target, str)
            return Any
        if isinstance(node, nodes.With):
            scope = {}
            for target, value in zip(node.targets, node.values):
                kind = self.visit(value)
                if isinstance(target, nodes.Name):
                    scope[target.name] = kind
            self.body(node.body, scope)
            return Any
        if isinstance(node, nodes.FromImport):
            for name in node.names:
                self.scopes[-1][name[1] if isinstance(name, tuple) else name] = Any
            return Any
        if isinstance(node, nodes.Import):
            self.scopes[-1][node.target] = Any
            return Any
        if isinstance(node, nodes.Filter) and node.node is not None:
            self.visit(node.node)
            for child in (*node.args, *node.kwargs):
                self.visit(child)
            return {"length": int, "count": int, "string": str, "join": str}.get(node.name, Any)
        if isinstance(node, nodes.Const):
            return type(node.value)
        for child in node.iter_child_nodes():
            self.visit(child)
        return Any


def _expression(node) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expression(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_expression(node.node)}[...]"
    if isinstance(node, nodes.Call):
        return f"{_expression(node.node)}(...)"
    return type(node).__name__.lower()


def template_files(config: Config) -> list[Path]:
    """Every template file: the shipped ones and the overrides."""
    found: dict[Path, None] = {}
    for folder in (config.overrides_dir, config.templates_dir):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix in TEMPLATE_SUFFIXES:
                    found.setdefault(path.resolve(), None)
    return list(found)


def check(config: Config) -> tuple[list[Problem], int]:
    """Every variable used by a template that the briefing does not provide; and how many files were read."""
    import jinja2

    env = render.environment(config.templates_dir, config.overrides_dir)
    globals_ = set(env.globals)
    problems: list[Problem] = []
    files = template_files(config)
    for path in files:
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(path, exc.lineno, "syntax", exc.message or "syntax error"))
            continue
        known = {name: kind for name, (kind, _) in context_for(path.name).items()}
        walker = _Walker(path, known, globals_)
        walker.visit(tree)
        problems.extend(walker.problems)
    return problems, len(files)
