"""History stage: the briefing remembers earlier weeks, and says what changed.

``remember`` reads the weeks stored before the one being built (``compare``)
and returns the briefing with its ``changes``: price moves, revised
forecasts, new companies, follow-ups of earlier stories; an item that only
repeats an earlier one leaves the body and is listed as a repeat. ``record``
stores the week's items, quotes, key figures and companies (``store``),
replacing what an earlier build of the week stored, once everything is
rendered and before the files are published.
"""

from __future__ import annotations

import dataclasses

from ..config import Config
from ..models import Briefing
from ..changes import Changes
from . import compare, store

__all__ = ["Changes", "record", "remember"]


def remember(config: Config, briefing: Briefing) -> tuple[Briefing, dict[str, list[tuple]]]:
    """The briefing with what changed since the stored weeks before it, and the rows to record for it.
    Its prices are the week's quotes already (``digest.quoted``)."""
    quotes = briefing.prices
    rows = compare.week_rows(briefing, quotes)
    if config.history_path is None:
        return briefing, rows
    with store.opened(config.history_path) as db:
        changes = compare.compare(db, briefing, quotes, config.history_weeks)
    repeats = {f.item for f in changes.followups if f.repeat}
    sections = tuple(dataclasses.replace(s, items=tuple(i for i in s.items if i.id not in repeats))
                     for s in briefing.sections)
    return dataclasses.replace(briefing, sections=tuple(s for s in sections if s.items), changes=changes), rows


def record(config: Config, week: str, rows: dict[str, list[tuple]]) -> None:
    """Store the week's rows, replacing those an earlier build of the week stored."""
    if config.history_path is not None:
        with store.opened(config.history_path) as db:
            store.replace_week(db, week, rows)


def weeks(config: Config) -> list:
    """The stored weeks (week, title, articles, items), oldest first."""
    if config.history_path is None or not config.history_path.exists():
        return []
    with store.opened(config.history_path) as db:
        return store.stored_weeks(db)
