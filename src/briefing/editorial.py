"""Editorial stage: an editor's notes for one week change the grouped briefing.

``editorial/<week>.toml`` (the folder is ``editorial`` in briefing.toml) may
set the title, rewrite the highlights, add an editor's note, and pin, hide,
reorder or move items. Items are named by their id (``briefing items`` shows
it). Every problem in the file is reported together in one line; naming an
item or section that does not exist is an error, never ignored.

    title = "Weekly Hot: semi-solid-state goes first"
    highlights = ["First paragraph.", "Second paragraph."]
    note = "Next week's issue comes out on Friday."
    date = 2025-11-21             # the issue's date on the cover (default: the week's last publication)
    pin = ["1a2b3c4d"]            # first in their section, in this order
    hide = ["5e6f7a8b"]           # left out of every format
    [move]                        # item id = section key
    9c0d1e2f = "materials"
    [order]                       # section key = item ids in this order; the rest follow
    projects = ["0a1b2c3d", "4e5f6a7b"]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from .config import Config
from .errors import EditorialError
from .models import Briefing, Editorial, Item, Section

_KEYS = ("title", "highlights", "note", "date", "pin", "hide", "move", "order")


def path_for(config: Config, week: str) -> Path:
    return config.editorial_dir / f"{week}.toml"


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def load(config: Config, week: str) -> Editorial | None:
    """Read the week's editorial file, or None when there is none."""
    path = path_for(config, week)
    if not path.exists():
        return None
    shown = _shown(path, config.root)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise EditorialError(f"{shown}: not valid TOML ({exc}); fix the file") from None
    errors = [f"{key}: unknown entry (known: {', '.join(_KEYS)})" for key in data if key not in _KEYS]
    for key in ("title", "note"):
        if key in data and not isinstance(data[key], str):
            errors.append(f"{key}: expected a string, got {data[key]!r}")
    if "date" in data and (not isinstance(data["date"], dt.date) or isinstance(data["date"], dt.datetime)):
        errors.append(f"date: expected a date such as 2025-11-21 (no quotes, no time), got {data['date']!r}")
    for key in ("highlights", "pin", "hide"):
        if key in data and not _strings(data[key]):
            errors.append(f"{key}: expected a list of strings, got {data[key]!r}")
    move = data.get("move", {})
    if not (isinstance(move, dict) and all(isinstance(v, str) for v in move.values())):
        errors.append(f"move: expected a table of item id = \"section key\", got {move!r}")
        move = {}
    order = data.get("order", {})
    if not (isinstance(order, dict) and all(_strings(v) for v in order.values())):
        errors.append(f"order: expected a table of section key = [item ids], got {order!r}")
        order = {}
    if errors:
        raise EditorialError(f"{shown}: " + "; ".join(errors))
    return Editorial(
        path=path, title=data.get("title"),
        highlights=tuple(data["highlights"]) if "highlights" in data else None,
        note=data.get("note", "").strip(),
        pin=tuple(data.get("pin", ())), hide=tuple(data.get("hide", ())),
        move=tuple(move.items()),
        order=tuple((key, tuple(ids)) for key, ids in order.items()),
        date=data.get("date"),
    )


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _check(editorial: Editorial, briefing: Briefing, config: Config) -> list[str]:
    """Every entry that names an item or section that does not exist."""
    ids = [item.id for item in briefing.items]
    known_sections = [rule.key for rule in config.sections]
    errors: list[str] = []

    def item(where: str, item_id: str) -> None:
        if item_id not in ids:
            errors.append(f"{where}: no item {item_id!r} in week {briefing.week}")
        elif ids.count(item_id) > 1:
            errors.append(f"{where}: {item_id!r} names {ids.count(item_id)} items (same article, category "
                          f"and headline); the editorial file cannot tell them apart")

    def section(where: str, key: str) -> None:
        if key not in known_sections:
            errors.append(f"{where}: no section {key!r} (sections: {', '.join(known_sections)})")

    for key in ("pin", "hide"):
        for item_id in getattr(editorial, key):
            item(key, item_id)
    for item_id, key in editorial.move:
        item(f"move.{item_id}", item_id)
        section(f"move.{item_id}", key)
    for key, order_ids in editorial.order:
        section(f"order.{key}", key)
        for item_id in order_ids:
            item(f"order.{key}", item_id)
    for item_id in sorted(set(editorial.pin) & set(editorial.hide)):
        errors.append(f"pin and hide: item {item_id!r} is in both; keep one")
    return errors


def _ranked(items: list[Item], first: tuple[str, ...]) -> list[Item]:
    """``items`` with those named in ``first`` moved to the front, in that order (stable otherwise)."""
    rank = {item_id: n for n, item_id in enumerate(first)}
    return sorted(items, key=lambda i: rank.get(i.id, len(rank)))


def apply(briefing: Briefing, editorial: Editorial | None, config: Config) -> Briefing:
    """The briefing as the editor wants it; the unchanged briefing when there is no file."""
    if editorial is None:
        return briefing
    errors = _check(editorial, briefing, config)
    if errors:
        raise EditorialError(
            f"{_shown(editorial.path, config.root)}: " + "; ".join(errors)
            + f"; run 'briefing items --week {briefing.week}' to see the item ids"
        )
    moves = dict(editorial.move)
    hidden = set(editorial.hide)
    buckets: dict[str, list[Item]] = {rule.key: [] for rule in config.sections}
    for sec in briefing.sections:
        for item in sec.items:
            if item.id not in hidden:
                buckets[moves.get(item.id, sec.key)].append(item)
    orders = dict(editorial.order)
    sections = []
    for rule in config.sections:
        items = _ranked(_ranked(buckets[rule.key], orders.get(rule.key, ())), editorial.pin)
        if items:
            sections.append(Section(rule.key, rule.title, tuple(items)))
    return dataclasses.replace(
        briefing,
        title=editorial.title or briefing.title,
        highlights=briefing.highlights if editorial.highlights is None else editorial.highlights,
        sections=tuple(sections),
        editor_note=editorial.note,
        pinned=editorial.pin,
        issue_date=editorial.date or briefing.issue_date,
    )
