"""Archive stage: ``output/index.html`` lists every week built, with its three formats.

Rewritten after each build from what is in ``output/`` (so weeks built
earlier stay listed), from the ``archive.html`` template. A build renders it
with its own week before publishing, and it is replaced atomically right after
the week's folder is switched (see ``publish``): a reader never sees half a page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import publish
from .config import Config
from .render import render_template

INDEX = "index.html"
TEMPLATE = "archive.html"
FORMATS = (("html", "HTML"), ("pdf", "PDF"), ("docx", "Word"))
_WEEK = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class Week:
    """One built week as the archive page shows it."""

    week: str  # the ISO week, "2025-47"
    title: str  # the briefing's title, from items.json
    files: tuple[tuple[str, str], ...]  # (label, path relative to output/) of each format built


# The variables archive.html receives (checked by check-templates, listed in docs/templates.md).
CONTEXT: dict[str, tuple[Any, str]] = {
    "weeks": (tuple[Week, ...], "every week built, newest first"),
    "title": (str, "the series title, from `title` in briefing.toml"),
    "language": (str, "the document language, from `language` in briefing.toml"),
}


def week_of(folder: Path) -> Week | None:
    """The week built in ``folder`` (named after it), or None when it holds no format."""
    files = tuple((label, f"{folder.name}/briefing-{folder.name}.{ext}") for ext, label in FORMATS
                  if (folder / f"briefing-{folder.name}.{ext}").is_file())
    if not files:
        return None
    title = ""
    try:
        title = json.loads((folder / "items.json").read_text(encoding="utf-8")).get("title", "")
    except (OSError, ValueError, AttributeError):
        pass
    return Week(folder.name, title, files)


def building(week: str, title: str, names: Iterable[str]) -> Week:
    """The week a build is about to publish, from the names of the files it wrote."""
    names = set(names)
    return Week(week, title, tuple((label, f"{week}/briefing-{week}.{ext}") for ext, label in FORMATS
                                   if f"briefing-{week}.{ext}" in names))


def weeks(output: Path, new: Week | None = None) -> tuple[Week, ...]:
    """The weeks built in ``output`` (with ``new``, a week about to be published), newest first."""
    found = {new.week: new} if new else {}
    if output.is_dir():
        for folder in output.iterdir():
            if _WEEK.match(folder.name) and folder.name not in found and folder.is_dir():
                if (week := week_of(folder)) is not None:
                    found[week.week] = week
    return tuple(found[name] for name in sorted(found, reverse=True))


def variables(config: Config, new: Week | None = None) -> dict[str, Any]:
    """What archive.html receives (declared in ``CONTEXT``)."""
    return {"weeks": weeks(config.output_dir, new), "title": config.title, "language": config.language}


def page(config: Config, new: Week | None = None) -> bytes:
    """The archive page, listing ``new`` too (a week about to be published)."""
    text = render_template(TEMPLATE, variables(config, new), config.templates_dir, config.overrides_dir)
    return text.encode("utf-8")


def write_index(config: Config) -> Path:
    """Rewrite output/index.html from what is in output/ now."""
    target = config.output_dir / INDEX
    publish.replace_file(target, page(config))
    return target
