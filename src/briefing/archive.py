"""Archive stage: ``output/index.html`` lists every week built, with its three formats.

Rewritten after each build from what is in ``output/`` (so weeks built
earlier stay listed), from the ``archive.html`` template, and replaced
atomically: a reader never sees half a page.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def weeks(output: Path) -> tuple[Week, ...]:
    """The weeks built in ``output``, newest first."""
    found = []
    if not output.is_dir():
        return ()
    for folder in sorted((p for p in output.iterdir() if p.is_dir() and _WEEK.match(p.name)), reverse=True):
        files = tuple((label, f"{folder.name}/briefing-{folder.name}.{ext}") for ext, label in FORMATS
                      if (folder / f"briefing-{folder.name}.{ext}").is_file())
        if not files:
            continue
        title = ""
        try:
            title = json.loads((folder / "items.json").read_text(encoding="utf-8")).get("title", "")
        except (OSError, ValueError):
            pass
        found.append(Week(folder.name, title, files))
    return tuple(found)


def variables(config: Config) -> dict[str, Any]:
    """What archive.html receives (declared in ``CONTEXT``)."""
    return {"weeks": weeks(config.output_dir), "title": config.title, "language": config.language}


def write_index(config: Config) -> Path:
    output = config.output_dir
    page = render_template(TEMPLATE, variables(config), config.templates_dir, config.overrides_dir)
    target = output / INDEX
    temporary = output / f".{INDEX}.{os.getpid()}.tmp"
    temporary.write_text(page, encoding="utf-8")
    os.replace(temporary, target)
    return target
