"""What a template may touch: plain data, in a sandbox that refuses everything else.

Templates are edited by people who write no Python, and an override folder
may come from anywhere, so a template must not be able to reach the disk.
Two walls keep it from doing so:

- ``plain()`` turns the records a template receives into plain data before
  it runs: strings, numbers, dates, bytes, tuples and read-only ``Record``
  objects holding the fields (and the computed properties) of each model
  record. A file path becomes a ``Record`` of its name, stem and suffix.
- ``PlainSandbox`` lets a template read attributes only of those plain types
  and of Jinja's own helpers (``loop``, macros, namespaces), and change no
  list or dict. Anything else, say a ``pathlib.Path`` handed over by mistake,
  stops the render with a ``SecurityError``.

``TemplateLoader`` refuses a template file that is a symbolic link leading
out of the template folders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path, PurePath
from typing import Any, Callable

# Model methods a template may call, by record type: each is pure (no disk, no state).
METHODS: dict[str, tuple[str, ...]] = {"Briefing": ("article_of",)}


class Record:
    """A read-only record of plain values: what a template sees of one model object."""

    __slots__ = ("_kind", "_values", "_text")

    def __init__(self, kind: str, values: dict[str, Any], text: str = "") -> None:
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_values", values)
        object.__setattr__(self, "_text", text)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"{self._kind} has no attribute {name!r}") from None

    def __dir__(self) -> list[str]:
        return list(self._values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self._kind} is read-only")

    def __str__(self) -> str:
        return self._text or f"<{self._kind}>"

    __repr__ = __str__


class _Converter:
    """Converts one render's variables, keeping shared records shared (an item in two lists is one record)."""

    def __init__(self) -> None:
        self.done: dict[int, Any] = {}
        self.keep: list[Any] = []  # originals, so their ids stay unique while converting
        self.originals: dict[int, Any] = {}  # id(record) -> the object it was made from

    def __call__(self, value: Any) -> Any:
        if value is None or isinstance(value, (str, int, float, bytes, dt.date, dt.time, dt.timedelta)):
            return value  # bool is an int, datetime a date: all immutable, none touches the disk
        key = id(value)
        if key in self.done:
            return self.done[key]
        self.keep.append(value)
        if isinstance(value, PurePath):
            made: Any = Record("File", {"name": value.name, "stem": value.stem, "suffix": value.suffix}, value.name)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            made = self._record(value)
        elif isinstance(value, dict):
            made = {str(k): self(v) for k, v in value.items()}
        elif isinstance(value, (tuple, list, set, frozenset)):
            made = tuple(self(v) for v in value)
        else:
            raise TypeError(f"template variable of type {type(value).__name__} is not plain data")
        self.done[key] = made
        self.originals[id(made)] = value
        return made

    def _record(self, value: Any) -> Record:
        kind = type(value)
        values: dict[str, Any] = {}
        record = Record(kind.__name__, values)
        self.done[id(value)] = record  # before the fields, so a cycle ends here
        for f in dataclasses.fields(value):
            values[f.name] = self(getattr(value, f.name))
        for name, member in vars(kind).items():
            if isinstance(member, property) and not name.startswith("_"):
                values[name] = self(getattr(value, name))
        for name in METHODS.get(kind.__name__, ()):
            values[name] = self._method(getattr(value, name))
        return record

    def _method(self, bound: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            return self(bound(*(self.originals.get(id(a), a) for a in args)))
        call.__name__ = bound.__name__
        return call


def plain(variables: dict[str, Any]) -> dict[str, Any]:
    """The variables as plain data: what templates receive."""
    convert = _Converter()
    return {name: convert(value) for name, value in variables.items()}


def _safe_types() -> tuple[type, ...]:
    from jinja2 import runtime, utils
    from markupsafe import Markup

    jinja = (runtime.LoopContext, runtime.Macro, runtime.Undefined, runtime.BlockReference,
             runtime.TemplateReference, utils.Namespace, utils.Cycler, utils.Joiner)
    from jinja2.environment import TemplateModule

    return (str, int, float, bytes, dt.date, dt.time, dt.timedelta, tuple, list, dict, type(None),
            Record, Markup, TemplateModule, *jinja)


def sandbox_class():
    """The sandboxed environment class: attributes of plain data only, no changes to lists or dicts."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    safe = _safe_types()

    class PlainSandbox(ImmutableSandboxedEnvironment):
        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            return isinstance(obj, safe) and super().is_safe_attribute(obj, attr, value)

    return PlainSandbox


class LinkOutside(Exception):
    """A template file is a symbolic link that leads out of the template folders."""


def loader_class():
    """A file-system loader that refuses symbolic links leading out of its folders."""
    import jinja2

    class TemplateLoader(jinja2.FileSystemLoader):
        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            real = Path(filename).resolve()
            roots = [Path(root).resolve() for root in self.searchpath]
            if not any(real.is_relative_to(root) for root in roots):
                raise LinkOutside(f"{filename}: a symbolic link to {real}, outside the template folders; "
                                  f"replace the link with a copy of the file")
            return source, filename, uptodate

    return TemplateLoader
