"""The history's commands: ``briefing history``, the stored weeks in ``briefing weeks``, ``build --weeks``."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys

from .errors import UsageError


def week_range(text: str) -> list[str]:
    """``2025-40..2025-47`` -> every ISO week from the first to the last, in order."""
    from .dates import parse_week

    first, sep, last = text.partition("..")
    if not sep:
        raise UsageError(f"--weeks {text!r}: give a range FIRST..LAST, e.g. 2025-40..2025-47")
    (a, monday, _), (b, last_monday, _) = parse_week(first), parse_week(last)
    if last_monday < monday:
        raise UsageError(f"--weeks {text!r}: {b} comes before {a}; give the earlier week first")
    weeks, day = [], monday
    while day <= last_monday:
        year, number, _ = day.isocalendar()
        weeks.append(f"{year}-{number:02d}")
        day += dt.timedelta(days=7)
    return weeks


def _progress(done: int, total: int, week: str, note: str) -> None:
    width = 24
    bar = "#" * (width * done // total) + "-" * (width - width * done // total)
    line = f"[{bar}] {done}/{total} {week} {note}"
    if sys.stderr.isatty():
        print(f"\r{line:<79}", end="" if done < total else "\n", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr)


def build_range(config, text: str, strict: bool, summary) -> int:
    """Build every week of the range in order (so each is compared with those before it)."""
    from .build import build
    from .errors import EmptyWeekError

    weeks = week_range(text)
    built, empty = [], []
    for n, week in enumerate(weeks, 1):
        try:
            result = build(config, week, strict=strict)
        except EmptyWeekError:
            empty.append(week)
            _progress(n, len(weeks), week, "no articles")
            continue
        built.append(summary(result))
        _progress(n, len(weeks), week, f"{result.items} items")
    for line in built:
        print(line)
    print(f"built {len(built)} of {len(weeks)} weeks" + (f"; no articles in {', '.join(empty)}" if empty else ""))
    return 0 if built else 1


def _table(rows: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def cmd_history(args: argparse.Namespace, config) -> int:
    from .history import store

    if bool(args.product) == bool(args.company):
        raise UsageError("history: give --product NAME or --company NAME")
    if config.history_path is None or not config.history_path.exists():
        raise UsageError("history: no week is stored yet; build a week first ('briefing build --week 2025-47')")
    with store.opened(config.history_path) as db:
        weeks = [r["week"] for r in store.stored_weeks(db)][-args.weeks:]
        if args.product:
            wanted = args.product.casefold()
            rows = [{"week": r["week"], "product": r["product"], "value": r["value"], "low": r["low"],
                     "high": r["high"], "unit": r["unit"], "date": r["day"], "change": r["change"],
                     "source": r["source"]}
                    for r in reversed(store.rows(db, "prices", weeks)) if wanted in r["product"].casefold()]
        else:
            wanted = args.company.casefold()
            rows = [{"week": r["week"], "section": r["section"], "headline": r["headline"], "date": r["day"],
                     "principal": r["principal"]}
                    for r in reversed(store.rows(db, "items", weeks))
                    if any(wanted in name.casefold() for name in json.loads(r["companies"]))]
    if not rows:
        what = f"product {args.product!r}" if args.product else f"company {args.company!r}"
        print(f"briefing: no {what} in the stored weeks {weeks[0] if weeks else ''}..{weeks[-1] if weeks else ''}",
              file=sys.stderr)
        return 1
    sys.stdout.write(_table(sorted(rows, key=lambda r: r["week"]), args.format))
    return 0


def stored(config) -> dict[str, str]:
    """Stored weeks -> "stored (N items)", for ``briefing weeks``."""
    from . import history

    return {r["week"]: f"stored ({r['items']} items)" for r in history.weeks(config)}
