"""docs/templates.md: the template variables, their types and meaning, and the blocks to
override, written from the data model (``make template-docs``) with the knowledge
``templatevars`` checks templates with."""

from __future__ import annotations

import dataclasses
import inspect
import re
import typing

from . import archive, message, render
from .config import Config
from .templatevars import DOC_PATH, _is_model, _Method, _unwrap, attribute_type, type_name  # noqa: F401 (DOC_PATH)

_FIELD = re.compile(r"^\s+(?P<name>\w+):\s*[^#=]+?(?:\s*=\s*[^#]+?)?\s*(?:#\s*(?P<note>.*))?$")


def _field_notes(cls: type) -> dict[str, str]:
    """The comment written after each field in the class's source."""
    notes = {}
    for line in inspect.getsource(cls).splitlines():
        m = _FIELD.match(line)
        if m and m["note"]:
            notes[m["name"]] = m["note"].strip()
    return notes


def _reachable(kinds) -> list[type]:
    """Every model class reachable from ``kinds`` through fields, properties and methods."""
    seen: list[type] = []
    todo = list(kinds)
    while todo:
        kind = todo.pop(0)
        if isinstance(kind, _Method):
            todo.append(kind.returns)
            continue
        todo.extend(typing.get_args(kind))
        kind = _unwrap(kind)
        if not _is_model(kind) or kind in seen:
            continue
        seen.append(kind)
        for name, _ in _members(kind):
            todo.append(attribute_type(kind, name))
    return seen


def _members(cls: type) -> list[tuple[str, str]]:
    """(name, meaning) of each field, property and public method of a model class."""
    notes = _field_notes(cls)
    out = [(f.name, notes.get(f.name, "")) for f in dataclasses.fields(cls)]
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property) or inspect.isfunction(member):
            doc = inspect.getdoc(member.fget if isinstance(member, property) else member) or ""
            out.append((name, " ".join(doc.split("\n\n")[0].split())))
    return out


def _blocks(config: Config) -> list[tuple[str, int]]:
    import jinja2
    from jinja2 import nodes

    env = jinja2.Environment()
    path = config.templates_dir / render.PAGE_TEMPLATE
    tree = env.parse(path.read_text(encoding="utf-8"))
    return [(block.name, block.lineno) for block in tree.find_all(nodes.Block)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def document(config: Config) -> str:
    """docs/templates.md: the variables, their types and meaning, and the blocks to override."""
    lines = [
        "# Template variables",
        "",
        "<!-- Generated from the data model by `make template-docs` (briefing template-docs);",
        "     do not edit by hand: a test fails when this file is not current. -->",
        "",
        "Templates are Jinja, rendered in Jinja's sandbox with autoescaping: every value below is",
        "printed as text (an item containing `<script>` shows the characters). `briefing check-templates`",
        "lists any variable a template uses that is not in this file, with its file and line.",
        "",
        "## Overriding one block",
        "",
        "Put a file of the same name in the overrides folder (`overrides` in briefing.toml, by default",
        "`templates/overrides/`). It is found before the shipped template, which stays reachable",
        f"as `{render.BASE_PREFIX}/<name>`. To change one block of the page:",
        "",
        "```jinja",
        f'{{% extends "{render.BASE_PREFIX}/{render.PAGE_TEMPLATE}" %}}',
        "{% block editor_note %}",
        "{{ super() }}",
        "<p class=\"subscribe\">Forward this briefing to a colleague.</p>",
        "{% endblock %}",
        "```",
        "",
        "A stylesheet is overridden the same way: `templates/overrides/briefing.css` holding",
        f'`{{% include "{render.BASE_PREFIX}/briefing.css" %}}` and the rules to add.',
        "",
        f"Blocks of `{render.PAGE_TEMPLATE}`, in page order:",
        "",
        *(f"- `{name}` (line {line})" for name, line in _blocks(config)),
        "",
    ]
    for title, context in ((f"Page templates (`{render.PAGE_TEMPLATE}`, its blocks and includes)", render.CONTEXT),
                           (f"The archive page (`{archive.TEMPLATE}`, written to output/index.html)",
                            archive.CONTEXT),
                           (f"The email (`{message.HTML_TEMPLATE}` and `{message.TEXT_TEMPLATE}`, one per subscriber)",
                            message.CONTEXT)):
        lines += [f"## {title}", "", "| variable | type | meaning |", "| --- | --- | --- |"]
        lines += [f"| `{name}` | {_cell(type_name(kind))} | {_cell(meaning)} |" for name, (kind, meaning) in context.items()]
        lines.append("")
    lines += ["## Types", "",
              "Attributes are read as `briefing.title`, `item.headline`; methods are called as",
              "`briefing.article_of(item)`. Dates are Python dates: `item.date.strftime(\"%d %b %Y\")`.", ""]
    kinds = [kind for context in (render.CONTEXT, archive.CONTEXT) for kind, _ in context.values()]
    for cls in _reachable(kinds):
        doc = " ".join((inspect.getdoc(cls) or "").split("\n\n")[0].split())
        if doc.startswith(f"{cls.__name__}("):  # the generated dataclass signature is no description
            doc = ""
        lines += [f"### {cls.__name__}", ""] + ([doc, ""] if doc else [])
        lines += ["| attribute | type | meaning |", "| --- | --- | --- |"]
        for name, note in _members(cls):
            kind = attribute_type(cls, name)
            lines.append(f"| `{name}` | {_cell(type_name(kind))} | {_cell(note)} |")
        lines.append("")
    return "\n".join(lines)
